using System.Runtime.CompilerServices;

namespace FaceMesh.Detectors;

/// <summary>
/// A decoded detector output while it moves through NMS and projection: score, box and six
/// keypoints (x, y interleaved), all normalised to whichever space the current stage uses.
/// </summary>
internal struct DetectionCandidate
{
    public const int KeypointCount = 6;

    public float Score;
    public BoundingBox Box;
    public KeypointCoordinates Keypoints;
}

/// <summary>x0, y0, x1, y1, ... for the six detector keypoints, stored inline.</summary>
[InlineArray(2 * DetectionCandidate.KeypointCount)]
internal struct KeypointCoordinates
{
    private float _first;
}
