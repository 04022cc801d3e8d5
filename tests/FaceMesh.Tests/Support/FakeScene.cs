using FaceMesh.Imaging;
using FaceMesh.Models;

namespace FaceMesh.Tests.Support;

/// <summary>
/// A 256x256 grey image with fake models: the detector reports one face around the centre, the
/// mesh model a fixed grid of points with level eye corners and a face-flag logit the test sets.
/// </summary>
internal sealed class FakeScene
{
    public const int Size = 256;
    // Stride-16 anchor of cell (4, 4), centred at (0.5625, 0.5625).
    public const int CentreAnchor = 512 + (4 * 8 + 4) * 6;

    public FakeLoader Loader { get; } = new();
    public FakeModel Detector { get; } = new(128 * 128 * 3);
    public FakeModel Mesh { get; } = new(192 * 192 * 3);
    public FakeModel Attention { get; } = new(192 * 192 * 3);
    public float FaceFlagLogit { get; set; } = 5f;
    public ImageView Image { get; } = new(Enumerable.Repeat((byte)128, Size * Size * 3).ToArray(), Size, Size, PixelFormat.Rgb24);

    public FakeScene()
    {
        var regressors = new float[896 * 16];
        var logits = Enumerable.Repeat(-20f, 896).ToArray();
        logits[CentreAnchor] = 5f;
        SetFace(regressors, CentreAnchor, 0.5f, 0.5f, 0.3f);
        Detector.ByIndex[0] = regressors;
        Detector.ByIndex[1] = logits;

        float[] mesh = MeshPoints();
        float[] flag = [FaceFlagLogit];
        Mesh.ByIndex[0] = mesh;
        Mesh.ByIndex[1] = flag;
        Attention.ByName["output_mesh_identity"] = mesh;
        Attention.ByName["output_lips"] = CropCentre(160);
        Attention.ByName["output_left_eye"] = CropCentre(142);
        Attention.ByName["output_right_eye"] = CropCentre(142);
        Attention.ByName["output_left_iris"] = CropCentre(10);
        Attention.ByName["output_right_iris"] = CropCentre(10);
        Attention.ByName["conv_faceflag"] = flag;
        // Outputs are preallocated so the fakes themselves allocate nothing per run.
        Mesh.BeforeOutput = _ => flag[0] = FaceFlagLogit;
        Attention.BeforeOutput = _ => flag[0] = FaceFlagLogit;
        Loader.Models[MediaPipeModel.FaceDetectionShortRange] = Detector;
        Loader.Models[MediaPipeModel.FaceLandmark] = Mesh;
        Loader.Models[MediaPipeModel.FaceLandmarkWithAttention] = Attention;
    }

    /// <summary>Makes anchor <paramref name="anchor"/> predict a square face of side <paramref name="size"/> at (x, y).</summary>
    public static void SetFace(float[] regressors, int anchor, float x, float y, float size)
    {
        var centre = FaceMesh.Detectors.SsdAnchors.Generate(FaceMesh.Detectors.DetectorSpec.ShortRange)[anchor];
        int o = anchor * 16;
        float Rx(float v) => (v - centre.XCenter) * 128;
        float Ry(float v) => (v - centre.YCenter) * 128;
        regressors[o] = Rx(x); regressors[o + 1] = Ry(y);
        regressors[o + 2] = size * 128; regressors[o + 3] = size * 128;
        (float, float)[] keypoints =
        [
            (x - 0.2f * size, y - 0.1f * size), (x + 0.2f * size, y - 0.1f * size), (x, y), (x, y + 0.2f * size),
            (x - 0.45f * size, y), (x + 0.45f * size, y),
        ];
        for (int k = 0; k < 6; k++) { regressors[o + 4 + 2 * k] = Rx(keypoints[k].Item1); regressors[o + 5 + 2 * k] = Ry(keypoints[k].Item2); }
    }

    /// <summary>Sub-model points at the crop centre, inside the mesh's bounding box.</summary>
    private static float[] CropCentre(int length) => Enumerable.Repeat(96f, length).ToArray();

    /// <summary>
    /// A 22-column grid over the middle two thirds of the crop (so the ROI computed from it is the
    /// ROI it was cropped from, a fixed point), eye corners 33 and 263 level.
    /// </summary>
    private static float[] MeshPoints()
    {
        var mesh = new float[1404];
        for (int k = 0; k < 468; k++)
        {
            mesh[3 * k] = 32 + (k % 22) * (128f / 21);
            mesh[3 * k + 1] = 32 + (k / 22) * (128f / 21);
            mesh[3 * k + 2] = k % 7 - 3;
        }
        (mesh[3 * 33], mesh[3 * 33 + 1]) = (70f, 80f);
        (mesh[3 * 263], mesh[3 * 263 + 1]) = (122f, 80f);
        return mesh;
    }
}
