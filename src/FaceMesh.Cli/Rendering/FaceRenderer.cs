using System.Numerics;
using FaceMesh.Effects;
using FaceMesh.Imaging;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Puts the chosen effects on every face of a result: lipstick first, so mesh lines drawn on top
/// stay crisp. Keeps its landmark buffer and line styles, so video frames do not allocate.
/// </summary>
internal sealed class FaceRenderer(MeshLayers layers, LipstickChoice? lipstick)
{
    private readonly Vector3[] _points = new Vector3[MeshPainter.RefinedLandmarkCount];
    private readonly Dictionary<int, MeshStyle> _styles = [];

    public bool DrawsNothing => layers == MeshLayers.None && lipstick is null;

    public MeshLayers Layers => layers;

    public LipstickChoice? LipstickChoice => lipstick;

    public void Render(ImageBuffer image, FaceLandmarkerResult result)
    {
        for (int i = 0; i < result.Faces.Count; i++)
        {
            Face face = result.Faces[i];
            Span<Vector3> points = _points.AsSpan(0, face.LandmarkSpan.Length);
            face.CopyPixelLandmarksTo(points);
            if (lipstick is not null) Lipstick.Apply(image, points, lipstick.Color, lipstick.Opacity);
            if (layers != MeshLayers.None) MeshPainter.Draw(image, points, layers, StyleFor(face));
        }
    }

    // Thin lines on small faces, bolder ones on large faces: one style unit per ~200 px of face,
    // in steps of 1/8 so a face whose size wobbles reuses the same style.
    public MeshStyle StyleFor(Face face)
    {
        float facePixels = face.Roi.Width * face.ImageWidth / 1.5f;
        int step = (int)MathF.Round(Math.Clamp(facePixels / 200f, 0.5f, 4f) * 8);
        if (!_styles.TryGetValue(step, out MeshStyle? style)) _styles[step] = style = new MeshStyle().Scaled(step / 8f);
        return style;
    }
}
