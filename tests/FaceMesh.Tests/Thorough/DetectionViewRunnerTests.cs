using FaceMesh.Detectors;
using FaceMesh.Imaging;
using FaceMesh.Inference;
using FaceMesh.Tests.Support;
using FaceMesh.Thorough;

namespace FaceMesh.Tests.Thorough;

/// <summary>
/// The thorough mode's views on several one-thread copies of the tile model: every view runs
/// once, and the candidates come out in view order with the same bits as on one stage.
/// </summary>
public class DetectionViewRunnerTests
{
    [FixtureFact("three_faces.jpg")]
    public void Views_on_three_workers_give_the_candidates_of_one_stage_in_view_order()
    {
        using ImageBuffer photo = Fixtures.Read("three_faces.jpg");
        List<RotatedRect> views = DetectionTiles.TilesThenTurns(photo.Width, photo.Height, 1);

        using FaceDetectionStage single = Stage();
        var expected = new List<DetectionCandidate>();
        foreach (RotatedRect view in views) single.AppendCandidates(photo.View, view, Sampling.MediaPipeCpu, 0.3f, expected);

        using var runner = new DetectionViewRunner(single, [Stage(), Stage(), Stage()]);
        Assert.Equal(3, runner.Parallelism);
        for (int call = 0; call < 2; call++)
        {
            var actual = new List<DetectionCandidate> { default };
            runner.Append(photo.View, views, Sampling.MediaPipeCpu, 0.3f, actual);
            Assert.True(expected.Count > views.Count, $"only {expected.Count} candidates: the test needs several per view");
            // What was in the list before stays first.
            Assert.Equal(Describe([default, .. expected]), Describe(actual));
        }
    }

    private static FaceDetectionStage Stage() =>
        new(RuntimeModelLoader.Instance.Load(DetectorSpec.FullRange.Model, null, 1), DetectorSpec.FullRange);

    private static List<string> Describe(List<DetectionCandidate> candidates) =>
        [.. candidates.Select(c =>
        {
            var keypoints = new List<int>();
            for (int k = 0; k < 2 * DetectionCandidate.KeypointCount; k++) keypoints.Add(BitConverter.SingleToInt32Bits(c.Keypoints[k]));
            return $"{BitConverter.SingleToInt32Bits(c.Score)} {BitConverter.SingleToInt32Bits(c.Box.XMin)} {BitConverter.SingleToInt32Bits(c.Box.YMin)} " +
                $"{BitConverter.SingleToInt32Bits(c.Box.Width)} {BitConverter.SingleToInt32Bits(c.Box.Height)} {string.Join(',', keypoints)}";
        })];
}
