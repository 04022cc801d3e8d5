using System.Numerics;
using FaceMesh.Evaluation;

namespace FaceMesh.Tests.Evaluation;

public class JitterMetricsTests
{
    private const int Points = 478;

    [Fact]
    public void Inter_ocular_distance_joins_the_eye_corner_midpoints()
    {
        var landmarks = new Vector2[Points];
        landmarks[33] = new(100, 50);
        landmarks[133] = new(120, 50); // right eye centre (110, 50)
        landmarks[362] = new(150, 54);
        landmarks[263] = new(170, 66); // left eye centre (160, 60)
        Assert.Equal(MathF.Sqrt(50 * 50 + 10 * 10), JitterMetrics.InterOcularDistance(landmarks), 4);
    }

    [Fact]
    public void Landmarks_that_follow_the_motion_exactly_have_no_jitter_and_no_error()
    {
        Vector2[] reference = Face();
        var track = new UnwarpedTrack(5, Points);
        for (int k = 0; k < 5; k++)
        {
            var motion = new SimilarityTransform(0.01f * k, new Vector2(0.3f * k, -0.2f * k), new Vector2(256, 256));
            track.Record(k, Moved(reference, motion, Vector2.Zero), motion);
        }
        JitterRunResult result = JitterMetrics.Measure(track, reference, iod: 50);
        Assert.Equal(0, result.JitterPercentIod, 3);
        Assert.Equal(0, result.ErrorPercentIod, 3);
        Assert.Equal(5, result.FramesWithFace);
    }

    [Fact]
    public void Alternating_offset_gives_known_jitter_and_error()
    {
        // Frames 1..4 are off by +1 px and -1 px in x in turn: every step moves 2 px, every frame is 1 px off.
        Vector2[] reference = Face();
        var track = new UnwarpedTrack(5, Points);
        var motion = new SimilarityTransform(0.02f, new Vector2(1.5f, 0.25f), new Vector2(100, 100));
        track.Record(0, Moved(reference, SimilarityTransform.Identity, Vector2.Zero), SimilarityTransform.Identity);
        for (int k = 1; k < 5; k++)
        {
            // The offset is applied in first-frame coordinates, so rotation cannot blur the expected numbers.
            track.Record(k, Moved(reference, motion, new Vector2(k % 2 == 1 ? 1 : -1, 0)), motion);
        }
        JitterRunResult result = JitterMetrics.Measure(track, reference, iod: 40);
        // Steps: 0->1 is 1 px, then three 2 px steps: mean 1.75 px = 4.375% of 40 px.
        Assert.Equal(4.375, result.JitterPercentIod, 2);
        Assert.Equal(2.5, result.ErrorPercentIod, 2);
    }

    [Fact]
    public void Frames_without_a_face_are_left_out()
    {
        Vector2[] reference = Face();
        var track = new UnwarpedTrack(4, Points);
        track.Record(0, Moved(reference, SimilarityTransform.Identity, Vector2.Zero), SimilarityTransform.Identity);
        track.RecordMissing(1);
        track.Record(2, Moved(reference, SimilarityTransform.Identity, new Vector2(0, 2)), SimilarityTransform.Identity);
        track.Record(3, Moved(reference, SimilarityTransform.Identity, new Vector2(0, 2)), SimilarityTransform.Identity);
        JitterRunResult result = JitterMetrics.Measure(track, reference, iod: 100);
        Assert.Equal(3, result.FramesWithFace);
        Assert.Equal(0, result.JitterPercentIod, 4); // only the 2->3 pair counts
        Assert.Equal(2, result.ErrorPercentIod, 4);
    }

    private static Vector2[] Face()
    {
        var points = new Vector2[Points];
        for (int i = 0; i < Points; i++) points[i] = new Vector2(200 + i % 23 * 4.5f, 180 + i / 23 * 5.25f);
        return points;
    }

    private static Vector3[] Moved(Vector2[] reference, SimilarityTransform motion, Vector2 offset)
    {
        var moved = new Vector3[reference.Length];
        for (int i = 0; i < reference.Length; i++)
        {
            Vector2 p = motion.Apply(reference[i] + offset);
            moved[i] = new Vector3(p, 0);
        }
        return moved;
    }
}
