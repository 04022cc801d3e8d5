using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Evaluation;

/// <summary>
/// Whatever produces face meshes for an image: the evaluator only needs MediaPipe-topology points
/// (468 or 478) in pixels, origin at the top-left pixel corner. Implement it to evaluate another
/// pipeline configuration on the same faces.
/// </summary>
public interface ILandmarkPredictor : IDisposable
{
    /// <summary>Every face found in <paramref name="image"/>, each as its landmarks in pixels.</summary>
    IReadOnlyList<Vector2[]> Predict(ImageView image);
}
