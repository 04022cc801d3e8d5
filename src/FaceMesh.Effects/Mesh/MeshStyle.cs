namespace FaceMesh.Effects;

/// <summary>
/// Colours and stroke sizes for <see cref="MeshPainter"/>, in pixels. The defaults follow
/// MediaPipe's usual face-mesh look: grey wire-frame, white lips and face oval, the subject's
/// right eye/brow/iris red and left ones green.
/// </summary>
public sealed record MeshStyle
{
    public Rgb TesselationColor { get; init; } = new(192, 192, 192);
    public float TesselationWidth { get; init; } = 1f;
    public Rgb LipsColor { get; init; } = new(224, 224, 224);
    public Rgb FaceOvalColor { get; init; } = new(224, 224, 224);
    public Rgb RightFeatureColor { get; init; } = new(255, 48, 48);
    public Rgb LeftFeatureColor { get; init; } = new(48, 255, 48);
    public float ContourWidth { get; init; } = 2f;
    public float IrisWidth { get; init; } = 2f;
    public Rgb PointColor { get; init; } = new(255, 48, 48);
    public float PointRadius { get; init; } = 1.5f;

    /// <summary>The same look with every stroke and dot multiplied by <paramref name="factor"/>
    /// (e.g. image height / 720 so large frames do not get hairlines).</summary>
    public MeshStyle Scaled(float factor) => this with
    {
        TesselationWidth = TesselationWidth * factor,
        ContourWidth = ContourWidth * factor,
        IrisWidth = IrisWidth * factor,
        PointRadius = PointRadius * factor,
    };
}
