using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// The virtual pinhole camera that turns normalised landmarks into centimetres (MediaPipe's
/// <c>PerspectiveCamera</c>): the image spans the camera's vertical field of view, and its width
/// follows from the image's aspect ratio. Near and far are in centimetres. The defaults are
/// MediaPipe's (<c>FACE_GEOMETRY.DEFAULT_CAMERA_PARAMS</c>: 63°, 1 cm, 100 m); a distance estimate
/// is only as good as the field of view matches the real camera's.
/// </summary>
public sealed record PerspectiveCamera
{
    private const float Margin = 1e-9f;

    /// <summary>MediaPipe's camera: 63° vertical field of view, near 1, far 10000.</summary>
    public static PerspectiveCamera MediaPipeDefault { get; } = new();

    /// <summary>Vertical field of view in degrees, strictly between 0 and 180.</summary>
    public float VerticalFovDegrees { get; init; } = 63f;

    /// <summary>Near plane distance in cm, positive. Only its ratio to the metric result matters.</summary>
    public float Near { get; init; } = 1f;

    /// <summary>Far plane distance in cm, beyond <see cref="Near"/>; used only for rendering projections.</summary>
    public float Far { get; init; } = 10000f;

    /// <summary>Throws unless the camera passes MediaPipe's checks (each with its 1e-9 margin).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Near > Margin))
            throw new ArgumentOutOfRangeException(nameof(Near), Near, "Near must be positive.");
        if (!(Far > Near + Margin) || float.IsInfinity(Far))
            throw new ArgumentOutOfRangeException(nameof(Far), Far, "Far must be finite and beyond Near.");
        if (!(VerticalFovDegrees > Margin) || !(VerticalFovDegrees + Margin < 180f))
            throw new ArgumentOutOfRangeException(nameof(VerticalFovDegrees), VerticalFovDegrees, "The vertical field of view must be between 0 and 180 degrees.");
    }

    /// <summary>
    /// Where a camera-space point (cm; right-handed, looking along −z) appears in an image of the
    /// given size, in pixels from the top-left corner. The inverse of the landmark unprojection.
    /// </summary>
    public Vector2 ProjectToImage(Vector3 cameraSpacePoint, int imageWidth, int imageHeight)
    {
        double heightAtNear = 2.0 * Near * Math.Tan(0.5 * VerticalFovDegrees * Math.PI / 180.0);
        double widthAtNear = heightAtNear * imageWidth / imageHeight;
        double distance = -(double)cameraSpacePoint.Z;
        double x = cameraSpacePoint.X * (double)Near / distance;
        double y = cameraSpacePoint.Y * (double)Near / distance;
        return new Vector2(
            (float)((x / widthAtNear + 0.5) * imageWidth),
            (float)((0.5 - y / heightAtNear) * imageHeight));
    }
}
