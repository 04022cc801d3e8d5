using FaceMesh.Tracking;

namespace FaceMesh.Tests.Tracking;

public class AssociationTests
{
    private static List<RoiSource> Merge(List<RoiSource> detected, List<RoiSource> tracked)
    {
        var merged = new List<RoiSource>();
        RoiAssociation.Merge(detected, tracked, merged, 0.5f);
        return merged;
    }

    [Fact]
    public void A_tracked_roi_replaces_the_detection_it_overlaps()
    {
        var detected = RoiSource.FromDetection(new NormalizedRect(0.5f, 0.5f, 0.4f, 0.4f, 0), 0);
        var tracked = RoiSource.FromPreviousFace(new NormalizedRect(0.52f, 0.5f, 0.4f, 0.4f, 0.3f), 0);
        Assert.Equal([tracked], Merge([detected], [tracked]));
    }

    [Fact]
    public void One_tracked_and_two_new_faces_give_three_rois_detections_first()
    {
        var a = RoiSource.FromDetection(new NormalizedRect(0.2f, 0.5f, 0.2f, 0.2f, 0), 0);
        var b = RoiSource.FromDetection(new NormalizedRect(0.5f, 0.5f, 0.2f, 0.2f, 0), 1);
        var t = RoiSource.FromPreviousFace(new NormalizedRect(0.8f, 0.5f, 0.2f, 0.2f, 0), 0);
        Assert.Equal([a, b, t], Merge([a, b], [t]));
    }

    [Fact]
    public void Later_detection_replaces_an_earlier_overlapping_one_and_small_overlap_keeps_both()
    {
        var a = RoiSource.FromDetection(new NormalizedRect(0.5f, 0.5f, 0.4f, 0.4f, 0), 0);
        var b = RoiSource.FromDetection(new NormalizedRect(0.51f, 0.5f, 0.4f, 0.4f, 0), 1);
        Assert.Equal([b], Merge([a, b], []));
        // IoU = 0.2*0.4 / (0.16 + 0.16 - 0.08) = 1/3: both kept.
        var c = RoiSource.FromDetection(new NormalizedRect(0.7f, 0.5f, 0.4f, 0.4f, 0), 1);
        Assert.Equal([a, c], Merge([a, c], []));
    }

    [Theory]
    [InlineData(RunningMode.Image, 5, 1, true)]
    [InlineData(RunningMode.Video, 0, 1, true)]
    [InlineData(RunningMode.Video, 1, 1, false)]
    [InlineData(RunningMode.Video, 1, 2, true)]
    [InlineData(RunningMode.Video, 2, 2, false)]
    public void Detector_runs_unless_enough_faces_are_tracked(RunningMode mode, int tracked, int maxFaces, bool expected) =>
        Assert.Equal(expected, DetectionPolicy.ShouldDetect(mode, tracked, maxFaces));
}
