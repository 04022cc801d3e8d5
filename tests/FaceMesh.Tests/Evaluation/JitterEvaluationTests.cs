using FaceMesh.Evaluation;
using FaceMesh.Imaging;
using FaceMesh.Tests.Support;
using Xunit.Abstractions;

namespace FaceMesh.Tests.Evaluation;

/// <summary>The real models on astronaut.png moved along the default path.</summary>
public class JitterEvaluationTests(ITestOutputHelper output)
{
    [FixtureFact("astronaut.png")]
    public void Smoothing_lowers_jitter_without_costing_more_than_half_a_percent_of_iod_in_error()
    {
        using ImageBuffer photo = Fixtures.Read("astronaut.png");
        JitterReport report = JitterEvaluation.Run(photo.View, new JitterOptions { Frames = 45 });
        output.WriteLine($"IOD {report.InterOcularDistancePixels:F1} px; raw {report.Raw}; smoothed {report.Smoothed}");

        Assert.Equal(45, report.Raw.FramesWithFace);
        Assert.Equal(45, report.Smoothed.FramesWithFace);
        Assert.InRange(report.InterOcularDistancePixels, 30f, 120f);
        Assert.True(report.Smoothed.JitterPercentIod < report.Raw.JitterPercentIod,
            $"smoothed jitter {report.Smoothed.JitterPercentIod:F3}% vs raw {report.Raw.JitterPercentIod:F3}%");
        Assert.True(report.Smoothed.ErrorPercentIod <= report.Raw.ErrorPercentIod + 0.5,
            $"smoothed error {report.Smoothed.ErrorPercentIod:F3}% vs raw {report.Raw.ErrorPercentIod:F3}%");
    }

    [Fact]
    public void A_photo_without_a_face_is_refused()
    {
        using var blank = new ImageBuffer(128, 96, PixelFormat.Rgb24);
        Assert.Throws<InvalidOperationException>(() => JitterEvaluation.Run(blank.View, new JitterOptions { Frames = 3 }));
    }
}
