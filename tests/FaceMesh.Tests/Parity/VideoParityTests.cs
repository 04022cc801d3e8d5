using System.Numerics;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Media;
using Xunit.Abstractions;

namespace FaceMesh.Tests.Parity;

/// <summary>
/// Megamind.avi's first 120 frames in video mode (tracking, smoothing off on both sides) against
/// MediaPipe JS: same face count on every frame (including the black frames and the scene cut
/// where the track is lost), landmarks within the same bounds as still images on every frame.
/// </summary>
public sealed class VideoParityTests(ITestOutputHelper output)
{
    [FixtureTheory("Megamind.avi")]
    [InlineData("refine", true)]
    [InlineData("norefine", false)]
    public async Task Tracked_landmarks_match_MediaPipe_JS_on_every_frame(string variant, bool refine)
    {
        List<JsonElement> frames = [];
        var docs = new List<JsonDocument>();
        try
        {
            foreach (string file in Directory.GetFiles(OracleJson.Dir, $"megamind_video_{variant}_f*.json").Order())
            {
                JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(file));
                docs.Add(doc);
                frames.AddRange(doc.RootElement.GetProperty("frames").EnumerateArray());
            }
            Assert.Equal(120, frames.Count);

            using FaceLandmarker tracker = FaceLandmarker.Create(new FaceLandmarkerOptions
            {
                RunningMode = RunningMode.Video,
                RefineLandmarks = refine,
                Sampling = Sampling.MediaPipeGpu,
            });
            await using VideoReader reader = await VideoReader.OpenAsync(TestPaths.Fixture("Megamind.avi"), PixelFormat.Rgb24);
            var result = new FaceLandmarkerResult();
            var all = new LandmarkErrors();
            int worstFrame = -1;
            double worstMean = 0;
            await using IAsyncEnumerator<VideoFrame> decoded = reader.ReadFramesAsync().GetAsyncEnumerator();
            Assert.True(await decoded.MoveNextAsync());
            for (int index = 0; index < frames.Count; index++)
            {
                JsonElement golden = frames[index];
                // The oracle's frames were extracted to PNG at constant rate, which repeats the first
                // decoded frame; the recorded pixel hash says which decoded frame MediaPipe got.
                string expectedSha = golden.GetProperty("input_rgb_sha256").GetString()!;
                if (OracleImages.Sha256(decoded.Current.Image.View) != expectedSha)
                {
                    Assert.True(await decoded.MoveNextAsync(), $"video ended before golden frame {index}");
                    Assert.Equal(expectedSha, OracleImages.Sha256(decoded.Current.Image.View));
                }
                tracker.TryDetectForVideo(decoded.Current.Image.View, (index + 1) * 40L, result);
                List<List<Vector3>> expected = OracleJson.Faces(golden);
                Assert.True(expected.Count == result.Faces.Count, $"frame {index}: MediaPipe found {expected.Count} face(s), we found {result.Faces.Count}");
                var frameErrors = new LandmarkErrors();
                foreach (List<Vector3> reference in expected)
                {
                    Vector3[] ours = MeshParityTests.ClosestFace(result, reference);
                    all.Add(reference, ours);
                    frameErrors.Add(reference, ours);
                }
                if (expected.Count > 0 && frameErrors.Summary("mesh").Mean > worstMean)
                    (worstMean, worstFrame) = (frameErrors.Summary("mesh").Mean, index);
                frameErrors.AssertWithin(0.01, 0.05, $"frame {index}");
            }
            output.WriteLine($"megamind {variant}, 120 frames: {all.Describe()}; worst frame {worstFrame} (mesh mean {worstMean:F5}% IOD)");
        }
        finally
        {
            foreach (JsonDocument doc in docs) doc.Dispose();
        }
    }
}
