using System.Numerics;
using FaceMesh.Cli.Commands;
using FaceMesh.Effects;
using FaceMesh.Imaging;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Puts the chosen effects on every face of a result: lipstick first, so mesh lines drawn on top
/// stay crisp. Keeps one landmark buffer so video frames do not allocate.
/// </summary>
internal sealed class FaceRenderer(MeshLayers layers, LipstickChoice? lipstick)
{
    private readonly Vector3[] _points = new Vector3[MeshPainter.RefinedLandmarkCount];

    public bool DrawsNothing => layers == MeshLayers.None && lipstick is null;

    public void Render(ImageBuffer image, FaceLandmarkerResult result)
    {
        if (lipstick is not null)
        {
            for (int i = 0; i < result.Faces.Count; i++)
            {
                Face face = result.Faces[i];
                Span<Vector3> points = _points.AsSpan(0, face.LandmarkSpan.Length);
                face.CopyPixelLandmarksTo(points);
                Lipstick.Apply(image, points, lipstick.Color, lipstick.Opacity);
            }
        }
        AnnotateCommand.Paint(image, result, layers);
    }
}
