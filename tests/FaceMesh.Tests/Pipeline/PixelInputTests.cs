using System.Runtime.InteropServices;
using FaceMesh.Imaging;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Pipeline;

/// <summary>
/// The same pixels give the same landmarks, bit for bit, whatever their channel order, padding
/// or wrapping (managed memory, a span scope, a native pointer with a stride).
/// </summary>
public sealed class PixelInputTests
{
    private const string Photo = "astronaut.png";

    private static float[] Landmarks(FaceLandmarker landmarker, ImageView image) =>
        [.. Assert.Single(landmarker.Detect(image).Faces).Landmarks.SelectMany(l => new[] { l.X, l.Y, l.Z })];

    [FixtureTheory(Photo)]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgba32)]
    [InlineData(PixelFormat.Bgra32)]
    public void Every_channel_order_gives_the_rgb_landmarks(PixelFormat format)
    {
        using ImageBuffer rgb = Fixtures.Read(Photo);
        using ImageBuffer other = new(rgb.Width, rgb.Height, format);
        other.CopyFrom(rgb.View);
        using FaceLandmarker landmarker = FaceLandmarker.Create();
        Assert.Equal(Landmarks(landmarker, rgb.View), Landmarks(landmarker, other.View));
    }

    [FixtureFact(Photo)]
    public void Gray8_gives_the_landmarks_of_the_same_gray_as_rgb()
    {
        using ImageBuffer rgb = Fixtures.Read(Photo);
        using ImageBuffer gray = new(rgb.Width, rgb.Height, PixelFormat.Gray8);
        gray.CopyFrom(rgb.View);
        using ImageBuffer grayAsRgb = new(rgb.Width, rgb.Height, PixelFormat.Rgb24);
        grayAsRgb.CopyFrom(gray.View);
        using FaceLandmarker landmarker = FaceLandmarker.Create();
        float[] expected = Landmarks(landmarker, grayAsRgb.View);
        Assert.Equal(expected, Landmarks(landmarker, gray.View));
        Assert.NotEqual(expected, Landmarks(landmarker, rgb.View));
    }

    [FixtureFact(Photo)]
    public unsafe void A_span_scope_and_a_padded_native_buffer_give_the_memory_landmarks()
    {
        using ImageBuffer rgb = Fixtures.Read(Photo);
        using FaceLandmarker landmarker = FaceLandmarker.Create();
        float[] expected = Landmarks(landmarker, rgb.View);

        Assert.Equal(expected, ImageView.Use(rgb.Span, rgb.Width, rgb.Height, PixelFormat.Rgb24, 0, view => Landmarks(landmarker, view)));

        int stride = rgb.Stride + 13;
        byte* native = (byte*)NativeMemory.Alloc((nuint)(stride * rgb.Height));
        try
        {
            new Span<byte>(native, stride * rgb.Height).Fill(0xEE); // padding that must never be read as pixels
            for (int y = 0; y < rgb.Height; y++) rgb.Row(y).CopyTo(new Span<byte>(native + y * stride, rgb.Stride));
            Assert.Equal(expected, Landmarks(landmarker, ImageView.FromPointer((nint)native, rgb.Width, rgb.Height, PixelFormat.Rgb24, stride)));
        }
        finally
        {
            NativeMemory.Free(native);
        }
    }

    [FixtureFact(Photo, "sergey.png")]
    public void Detector_TryDetect_overwrites_a_reused_result_with_what_Detect_returns()
    {
        using ImageBuffer astronaut = Fixtures.Read(Photo);
        using ImageBuffer sergey = Fixtures.Read("sergey.png");
        using FaceDetector detector = FaceDetector.Create();
        var result = new FaceDetectorResult();
        foreach (ImageBuffer image in new[] { astronaut, sergey, astronaut })
        {
            Assert.True(detector.TryDetect(image.View, result));
            IReadOnlyList<Detection> expected = detector.Detect(image.View);
            Assert.Equal(expected.Count, result.Detections.Count);
            Assert.Equal((image.Width, image.Height), (result.ImageWidth, result.ImageHeight));
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Score, result.Detections[i].Score);
                Assert.Equal(expected[i].RelativeBoundingBox, result.Detections[i].RelativeBoundingBox);
                Assert.Equal(expected[i].PixelKeypoints, result.Detections[i].PixelKeypoints);
            }
        }
        using ImageBuffer blank = new(64, 64, PixelFormat.Rgb24);
        Assert.False(detector.TryDetect(blank.View, result));
        Assert.Empty(result.Detections);
    }
}
