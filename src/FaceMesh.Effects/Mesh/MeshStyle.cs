namespace FaceMesh.Effects;

/// <summary>
/// Colours and stroke sizes for <see cref="MeshPainter"/>, in pixels. The defaults follow
/// MediaPipe's usual face-mesh look: grey wire-frame, white lips and face oval, the subject's
/// right eye/brow/iris red and left ones green.
/// </summary>
public sealed record MeshStyle
{
    /// <summary>Wire-frame colour.</summary>
    public Rgb TesselationColor { get; init; } = new(192, 192, 192);
    /// <summary>Wire-frame stroke width.</summary>
    public float TesselationWidth { get; init; } = 1f;
    /// <summary>Lip contour colour.</summary>
    public Rgb LipsColor { get; init; } = new(224, 224, 224);
    /// <summary>Face oval colour.</summary>
    public Rgb FaceOvalColor { get; init; } = new(224, 224, 224);
    /// <summary>Colour of the subject's right eye, eyebrow and iris (image left).</summary>
    public Rgb RightFeatureColor { get; init; } = new(255, 48, 48);
    /// <summary>Colour of the subject's left eye, eyebrow and iris (image right).</summary>
    public Rgb LeftFeatureColor { get; init; } = new(48, 255, 48);
    /// <summary>Contour stroke width.</summary>
    public float ContourWidth { get; init; } = 2f;
    /// <summary>Iris ring stroke width.</summary>
    public float IrisWidth { get; init; } = 2f;
    /// <summary>Landmark dot colour.</summary>
    public Rgb PointColor { get; init; } = new(255, 48, 48);
    /// <summary>Landmark dot radius.</summary>
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
