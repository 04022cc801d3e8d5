using System.Drawing;
using FaceMesh.Imaging;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Pipeline;

/// <summary>
/// <see cref="FaceLandmarker.GetNextVideoFrameReadRegion"/>: a rectangle only while every face slot
/// is tracked in video mode (the detector then cannot run), and one the next call reads nothing outside of.
/// </summary>
public class NextVideoFrameReadRegionTests
{
    private const int Size = FakeScene.Size;

    private static FaceLandmarker CreateVideo(FakeScene scene, int numFaces = 1) =>
        FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false, RunningMode = RunningMode.Video, NumFaces = numFaces }, scene.Loader);

    [Fact]
    public void A_tracked_face_gives_a_rectangle_inside_the_image_and_smaller_than_it()
    {
        var scene = new FakeScene();
        using FaceLandmarker landmarker = CreateVideo(scene);
        Assert.Null(landmarker.GetNextVideoFrameReadRegion(Size, Size));
        landmarker.DetectForVideo(scene.Image, 0);

        Rectangle region = Assert.NotNull(landmarker.GetNextVideoFrameReadRegion(Size, Size));
        Assert.True(new Rectangle(0, 0, Size, Size).Contains(region), region.ToString());
        Assert.True(region.Width < Size && region.Height < Size, region.ToString());
        // The same ROIs at another frame size: the rectangle scales with it.
        Rectangle doubled = Assert.NotNull(landmarker.GetNextVideoFrameReadRegion(2 * Size, 2 * Size));
        Assert.InRange(doubled.Width, 2 * region.Width - 16, 2 * region.Width + 16);
    }

    [Fact]
    public void The_next_frame_gives_the_same_crop_when_everything_outside_the_rectangle_is_inverted()
    {
        byte[] pixels = new byte[Size * Size * 3];
        new Random(5).NextBytes(pixels);
        var image = new ImageView(pixels, Size, Size, PixelFormat.Rgb24);
        var wholeScene = new FakeScene();
        var regionScene = new FakeScene();
        using FaceLandmarker whole = CreateVideo(wholeScene), region = CreateVideo(regionScene);
        whole.DetectForVideo(image, 0);
        region.DetectForVideo(image, 0);
        for (int frame = 1; frame <= 3; frame++)
        {
            Rectangle read = Assert.NotNull(region.GetNextVideoFrameReadRegion(Size, Size));
            byte[] poisoned = (byte[])pixels.Clone();
            for (int y = 0; y < Size; y++)
                for (int x = 0; x < Size; x++)
                    if (!read.Contains(x, y))
                        for (int c = 0; c < 3; c++) poisoned[(y * Size + x) * 3 + c] ^= 0xFF;

            whole.DetectForVideo(image, frame);
            region.DetectForVideo(new ImageView(poisoned, Size, Size, PixelFormat.Rgb24), frame);
            Assert.True(wholeScene.Mesh.Input.SequenceEqual(regionScene.Mesh.Input), $"frame {frame}: the crop read outside {read}");
        }
        Assert.Equal(1, regionScene.Detector.Invocations);
    }

    [Fact]
    public void Whenever_the_detector_may_run_there_is_no_rectangle()
    {
        var scene = new FakeScene();
        using FaceLandmarker room = CreateVideo(scene, numFaces: 2);
        room.DetectForVideo(scene.Image, 0);
        Assert.Null(room.GetNextVideoFrameReadRegion(Size, Size)); // one face tracked, room for another

        using FaceLandmarker landmarker = CreateVideo(scene);
        landmarker.DetectForVideo(scene.Image, 0);
        Assert.NotNull(landmarker.GetNextVideoFrameReadRegion(Size, Size));
        landmarker.ResetTracking();
        Assert.Null(landmarker.GetNextVideoFrameReadRegion(Size, Size));

        landmarker.DetectForVideo(scene.Image, 0);
        scene.FaceFlagLogit = -5f;
        landmarker.DetectForVideo(scene.Image, 1);
        Assert.Null(landmarker.GetNextVideoFrameReadRegion(Size, Size)); // the face was lost

        using FaceLandmarker images = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = false }, scene.Loader);
        images.Detect(scene.Image);
        Assert.Null(images.GetNextVideoFrameReadRegion(Size, Size));
        Assert.Throws<ArgumentOutOfRangeException>(() => landmarker.GetNextVideoFrameReadRegion(0, Size));
    }

    [FixtureFact("man_portrait.jpg")]
    public void Thorough_mode_gives_no_rectangle()
    {
        using ImageBuffer photo = Fixtures.Read("man_portrait.jpg");
        using FaceLandmarker thorough = FaceLandmarker.Create(new FaceLandmarkerOptions { RunningMode = RunningMode.Video, Thorough = true });
        Assert.NotEmpty(thorough.DetectForVideo(photo.View, 0).Faces);
        Assert.Null(thorough.GetNextVideoFrameReadRegion(photo.Width, photo.Height));
    }
}
