using FaceMesh.Detectors;

namespace FaceMesh.Tests.Detectors;

public class NmsTests
{
    private static DetectionCandidate Candidate(float score, float x, float y, float w, float h, float keypointX = 0)
    {
        var c = new DetectionCandidate { Score = score, Box = new BoundingBox(x, y, w, h) };
        for (int k = 0; k < 12; k += 2) c.Keypoints[k] = keypointX;
        return c;
    }

    private static List<DetectionCandidate> Run(params DetectionCandidate[] input)
    {
        var output = new List<DetectionCandidate>();
        new WeightedNonMaxSuppression(0.3f).Run([.. input], output);
        return output;
    }

    [Fact]
    public void Blends_overlapping_boxes_by_score_and_keeps_the_seed_score()
    {
        var output = Run(
            Candidate(0.6f, 0.2f, 0.2f, 0.4f, 0.4f, keypointX: 1f),
            Candidate(0.9f, 0.1f, 0.1f, 0.4f, 0.4f, keypointX: 0f));
        DetectionCandidate d = Assert.Single(output);
        Assert.Equal(0.9f, d.Score);
        // Weighted by 0.9 and 0.6: xmin = (0.9*0.1 + 0.6*0.2) / 1.5 = 0.14, xmax = (0.9*0.5 + 0.6*0.6) / 1.5 = 0.54.
        Assert.Equal(0.14f, d.Box.XMin, 1e-6f);
        Assert.Equal(0.14f, d.Box.YMin, 1e-6f);
        Assert.Equal(0.4f, d.Box.Width, 1e-6f);
        Assert.Equal(0.6f / 1.5f, d.Keypoints[0], 1e-6f);
    }

    [Fact]
    public void Keeps_separate_faces_in_descending_seed_order()
    {
        var output = Run(
            Candidate(0.7f, 0.0f, 0.0f, 0.2f, 0.2f),
            Candidate(0.8f, 0.6f, 0.6f, 0.2f, 0.2f),
            Candidate(0.75f, 0.05f, 0.0f, 0.2f, 0.2f));
        Assert.Equal([0.8f, 0.75f], output.Select(d => d.Score));
        // The weaker box at x = 0 (IoU 0.6 with the 0.75 seed) was blended into it.
        Assert.Equal((0.75f * 0.05f + 0.7f * 0f) / 1.45f, output[1].Box.XMin, 1e-6f);
    }

    [Fact]
    public void A_zero_area_seed_consumes_nothing_and_stops_suppression()
    {
        var output = Run(
            Candidate(0.9f, 0.5f, 0.5f, 0f, 0f),
            Candidate(0.8f, 0.0f, 0.0f, 0.2f, 0.2f));
        DetectionCandidate d = Assert.Single(output);
        Assert.Equal(0.9f, d.Score);
        Assert.Equal(0f, d.Box.Width);
    }

    [Fact]
    public void IoU_of_touching_boxes_is_zero_and_identical_boxes_one()
    {
        var a = new BoundingBox(0, 0, 1, 1);
        Assert.Equal(0f, BoxOverlap.IntersectionOverUnion(a, new BoundingBox(1, 0, 1, 1)));
        Assert.Equal(1f, BoxOverlap.IntersectionOverUnion(a, a));
        Assert.Equal(1f / 7f, BoxOverlap.IntersectionOverUnion(a, new BoundingBox(0.5f, 0.5f, 1, 1)), 1e-6f);
    }
}
