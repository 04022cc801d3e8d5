using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>
/// One run's landmarks, frame by frame, mapped back through each frame's known motion into the
/// first frame's coordinates. What still moves there is the landmarker's own error.
/// </summary>
internal sealed class UnwarpedTrack
{
    private readonly Vector2[] _points;
    private readonly bool[] _found;

    public UnwarpedTrack(int frames, int landmarkCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(landmarkCount, 1);
        LandmarkCount = landmarkCount;
        _points = new Vector2[frames * landmarkCount];
        _found = new bool[frames];
    }

    public int Frames => _found.Length;

    public int LandmarkCount { get; }

    public bool HasFace(int frame) => _found[frame];

    /// <summary>Frame <paramref name="frame"/>'s landmarks in first-frame coordinates (valid when <see cref="HasFace"/>).</summary>
    public ReadOnlySpan<Vector2> At(int frame) => _points.AsSpan(frame * LandmarkCount, LandmarkCount);

    /// <summary>Stores pixel landmarks seen in a frame the photo was moved into by <paramref name="motion"/>.</summary>
    public void Record(int frame, ReadOnlySpan<Vector3> pixelLandmarks, SimilarityTransform motion)
    {
        if (pixelLandmarks.Length != LandmarkCount)
            throw new ArgumentException($"Expected {LandmarkCount} landmarks, got {pixelLandmarks.Length}.", nameof(pixelLandmarks));
        Span<Vector2> target = _points.AsSpan(frame * LandmarkCount, LandmarkCount);
        for (int i = 0; i < target.Length; i++)
            target[i] = motion.ApplyInverse(new Vector2(pixelLandmarks[i].X, pixelLandmarks[i].Y));
        _found[frame] = true;
    }

    public void RecordMissing(int frame) => _found[frame] = false;
}
