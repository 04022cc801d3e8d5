namespace FaceMesh.Batch;

/// <summary>
/// Turns stream timestamps into the whole, strictly increasing milliseconds that
/// <see cref="FaceLandmarker.TryDetectForVideo"/> requires.
/// Times count from the first frame, so a stream whose pts start negative or late still starts the
/// smoother at zero; a frame closer than 1 ms to the last (or out of order) moves on by 1 ms.
/// </summary>
public sealed class VideoClock
{
    private double? _origin;
    private long _last = long.MinValue;

    public long Next(double streamTimestampMs)
    {
        _origin ??= streamTimestampMs;
        double relative = streamTimestampMs - _origin.Value;
        long next = double.IsFinite(relative) ? (long)Math.Round(relative) : _last + 1;
        if (next <= _last) next = _last + 1;
        _last = next;
        return next;
    }
}
