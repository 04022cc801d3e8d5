using System.Drawing;
using FaceMesh.Batch;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Tests;

/// <summary>
/// Video commands convert only <see cref="FaceLandmarker.GetNextVideoFrameReadRegion"/> of each
/// frame to RGB. Over a real clip, a landmarker given frames whose every other pixel is noise
/// (fresh noise each frame) must return exactly what one given whole frames returns: a region
/// too small anywhere would let the noise into a crop and move a landmark.
/// </summary>
public class RegionConversionTests
{
    [FixtureTheory("Megamind.avi")]
    [InlineData(Sampling.MediaPipeCpu)]
    [InlineData(Sampling.MediaPipeGpu)]
    public async Task Converting_only_the_reported_region_gives_the_landmarks_of_whole_frames(Sampling sampling)
    {
        await using VideoReader reader = await VideoReader.OpenYuv420Async(TestPaths.Fixture("Megamind.avi"));
        int width = reader.Info.Width, height = reader.Info.Height;
        var options = new FaceLandmarkerOptions { RunningMode = RunningMode.Video, Smoothing = true, Sampling = sampling };
        using FaceLandmarker onWhole = FaceLandmarker.Create(options), onRegion = FaceLandmarker.Create(options);
        using var whole = new ImageBuffer(width, height, PixelFormat.Rgb24);
        using var noisy = new ImageBuffer(width, height, PixelFormat.Rgb24);
        var noise = new Random(11);
        FaceLandmarkerResult expected = new(), actual = new();
        var clock = new VideoClock();
        int frames = 0, regionFrames = 0;
        await foreach (VideoFrame frame in reader.ReadFramesAsync(new CancellationTokenSource(TimeSpan.FromSeconds(300)).Token))
        {
            long timestamp = clock.Next(frame.TimestampMs);
            Yuv420.ToRgb(frame.Image.Span, width, height, whole);
            onWhole.TryDetectForVideo(whole.View, timestamp, expected);

            noise.NextBytes(noisy.Span);
            if (onRegion.GetNextVideoFrameReadRegion(width, height) is Rectangle region)
            {
                Yuv420.ToRgb(frame.Image.Span, width, height, noisy, region.X, region.Y, region.Width, region.Height);
                regionFrames++;
            }
            else
            {
                Yuv420.ToRgb(frame.Image.Span, width, height, noisy);
            }
            onRegion.TryDetectForVideo(noisy.View, timestamp, actual);

            Assert.Equal(expected.Faces.Count, actual.Faces.Count);
            for (int i = 0; i < expected.Faces.Count; i++)
            {
                Assert.Equal(expected.Faces[i].Roi, actual.Faces[i].Roi);
                Assert.True(expected.Faces[i].LandmarkSpan.SequenceEqual(actual.Faces[i].LandmarkSpan), $"frame {frames}, face {i}: landmarks differ");
            }
            frames++;
        }
        Assert.Equal(270, frames);
        // The face is tracked through nearly the whole clip: the region is what almost every frame used.
        Assert.InRange(regionFrames, 250, 269);
    }
}
