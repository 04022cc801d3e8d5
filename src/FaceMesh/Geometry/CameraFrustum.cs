namespace FaceMesh.Geometry;

/// <summary>
/// The near-plane rectangle of a <see cref="PerspectiveCamera"/> for one frame size, in float with
/// MediaPipe's operation order (its landmark conversion depends on these exact values).
/// </summary>
internal readonly struct CameraFrustum
{
    public CameraFrustum(PerspectiveCamera camera, int frameWidth, int frameHeight)
    {
        const float degreesToRadians = MathF.PI / 180f;
        float heightAtNear = 2f * camera.Near * MathF.Tan(0.5f * degreesToRadians * camera.VerticalFovDegrees);
        float widthAtNear = frameWidth * heightAtNear / frameHeight;
        Left = -0.5f * widthAtNear;
        Right = 0.5f * widthAtNear;
        Bottom = -0.5f * heightAtNear;
        Top = 0.5f * heightAtNear;
        Near = camera.Near;
    }

    public float Left { get; }
    public float Right { get; }
    public float Bottom { get; }
    public float Top { get; }
    public float Near { get; }
}
