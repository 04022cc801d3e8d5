using FaceMesh.Blendshapes;
using FaceMesh.Geometry;
using FaceMesh.Imaging;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Blendshapes;

/// <summary>A real face's metric mesh and irises, from astronaut.png through the whole pipeline.</summary>
internal static class RealFace
{
    private static readonly Lazy<ExpressionMesh> AstronautMesh = new(() =>
    {
        using ImageBuffer image = Fixtures.Read("astronaut.png");
        using FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { OutputFaceBlendshapes = true });
        FaceLandmarkerResult result = landmarker.Detect(image.View);
        FaceGeometry geometry = result.Faces.Single().Geometry!;
        Assert.Equal(10, geometry.IrisVertices.Length);
        return new ExpressionMesh(geometry.MeshVertices, geometry.IrisVertices);
    });

    public static ExpressionMesh Astronaut() => AstronautMesh.Value.Clone();

    public static FaceBlendshapes Score(ExpressionMesh face)
    {
        var scores = new FaceBlendshapes();
        Assert.True(new FaceBlendshapeEstimator().TryEstimate(face.Mesh, face.Iris, scores));
        return scores;
    }
}
