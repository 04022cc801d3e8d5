using FaceMesh.Imaging;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Thorough;

/// <summary>
/// <see cref="FaceLandmarkerOptions.Thorough"/> on a group photo the test makes itself: fixture faces
/// shrunk to 30-60 px on a large canvas, some turned by 90 or 180 degrees, and one large face.
/// </summary>
public class ThoroughGroupPhotoTests
{
    private const int Width = 1024, Height = 768;

    private static readonly string[] Portraits = ["grace_hopper.jpg", "man_portrait.jpg", "astronaut.png"];

    // Centre x, centre y, face size (px), quarter turns clockwise. The first is large enough for
    // MediaPipe's pipeline; the small upright ones keep to the top band and the turned ones to the
    // bottom right, so the tiles that hold a turned face hold no upright one (turns are tried where
    // nothing upright was found).
    private static readonly PastedFace[] Places =
    [
        new(200, 230, 180, 0),
        new(520, 110, 60, 0),
        new(900, 110, 50, 0),
        new(420, 470, 45, 0),
        new(650, 640, 50, 1),
        new(900, 630, 60, 2),
    ];

    private static ImageBuffer GroupPhoto()
    {
        var cuts = new List<SyntheticGroupPhoto.FaceCut>();
        using (FaceLandmarker finder = FaceLandmarker.Create())
            foreach (string name in Portraits)
            {
                using ImageBuffer portrait = Fixtures.Read(name);
                Face face = Assert.Single(finder.Detect(portrait.View).Faces);
                (float x, float y, float size) = LandmarkExtent.Of(face);
                cuts.Add(SyntheticGroupPhoto.Cut(portrait.View, x, y, size));
            }
        return SyntheticGroupPhoto.Compose(Width, Height, [.. Places.Select((place, i) => (cuts[i % cuts.Count], place))]);
    }


    // The pasted faces each found face lies on (its landmark box centre within a quarter face of the true centre, its size within a third).
    private static List<int> Matches(FaceLandmarkerResult result) =>
        [.. result.Faces.Select(face =>
        {
            (float x, float y, float size) = LandmarkExtent.Of(face);
            return Array.FindIndex(Places, p =>
                MathF.Abs(x - p.CenterX) < p.Size / 4 && MathF.Abs(y - p.CenterY) < p.Size / 4 && MathF.Abs(size - p.Size) < p.Size / 3);
        })];

    [FixtureFact("grace_hopper.jpg", "man_portrait.jpg", "astronaut.png")]
    public void Thorough_mode_finds_the_small_and_turned_faces_the_default_misses_at_their_places()
    {
        using ImageBuffer photo = GroupPhoto();
        var options = new FaceLandmarkerOptions { NumFaces = 16 };
        using FaceLandmarker mediaPipe = FaceLandmarker.Create(options);
        using FaceLandmarker thorough = FaceLandmarker.Create(options with { Thorough = true });

        List<int> byDefault = Matches(mediaPipe.Detect(photo.View));
        FaceLandmarkerResult found = thorough.Detect(photo.View);
        List<int> byThorough = Matches(found);
        string seen = string.Join("; ", found.Faces.Select(f => LandmarkExtent.Of(f)).Select(e => $"({e.X:F0}, {e.Y:F0}) {e.Size:F0} px"));

        Assert.Equal([0], byDefault);
        Assert.True(!byThorough.Contains(-1), $"a face where none was pasted: {seen}");
        // Every pasted face, upright or turned by 90 or 180 degrees, each once.
        Assert.True(Enumerable.Range(0, Places.Length).All(byThorough.Contains), $"thorough found {seen}");
        Assert.Equal(byThorough.Count, byThorough.Distinct().Count());
    }

    [FixtureFact("grace_hopper.jpg", "man_portrait.jpg", "astronaut.png")]
    public void Tiles_and_turns_on_several_threads_give_the_one_thread_result_bit_for_bit()
    {
        // Three threads: the tile model's views run on three copies of it, in whatever order they finish.
        using ImageBuffer photo = GroupPhoto();
        var options = new FaceLandmarkerOptions { NumFaces = 16, Thorough = true };
        using FaceLandmarker oneThread = FaceLandmarker.Create(options);
        using FaceLandmarker threeThreads = FaceLandmarker.Create(options with { ThreadCount = 3 });

        for (int call = 0; call < 2; call++)
        {
            FaceLandmarkerResult expected = oneThread.Detect(photo.View), actual = threeThreads.Detect(photo.View);
            Assert.Equal(Places.Length, expected.Faces.Count);
            Assert.Equal(expected.Faces.Count, actual.Faces.Count);
            for (int f = 0; f < expected.Faces.Count; f++)
                Assert.Equal(expected.Faces[f].Landmarks.Select(p => (Bits(p.X), Bits(p.Y), Bits(p.Z))),
                    actual.Faces[f].Landmarks.Select(p => (Bits(p.X), Bits(p.Y), Bits(p.Z))));
        }
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    [Fact]
    public void A_face_free_canvas_gives_no_face_in_either_mode()
    {
        using ImageBuffer empty = SyntheticGroupPhoto.Compose(Width, Height, []);
        var options = new FaceLandmarkerOptions { NumFaces = 16 };
        using FaceLandmarker mediaPipe = FaceLandmarker.Create(options);
        using FaceLandmarker thorough = FaceLandmarker.Create(options with { Thorough = true });

        Assert.Empty(mediaPipe.Detect(empty.View).Faces);
        Assert.Empty(thorough.Detect(empty.View).Faces);
    }
}
