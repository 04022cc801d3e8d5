using FaceMesh.Models;

namespace FaceMesh.Landmarks;

/// <summary>Input size, point counts and output tensor names of the two landmark models (landmarks.md section 1).</summary>
internal static class LandmarkModelSpec
{
    public const int InputSize = 192;
    public const int MeshCount = 468;
    public const int RefinedCount = 478;

    public static MediaPipeModel Model(bool withAttention) =>
        withAttention ? MediaPipeModel.FaceLandmarkWithAttention : MediaPipeModel.FaceLandmark;

    // Plain mesh model: outputs by position.
    public const int MeshOutput = 0;
    public const int FaceFlagOutput = 1;

    // Attention model: outputs by name ("left" = image left = the subject's right eye).
    public const string AttentionMesh = "output_mesh_identity";
    public const string AttentionLips = "output_lips";
    public const string AttentionLeftEye = "output_left_eye";
    public const string AttentionRightEye = "output_right_eye";
    public const string AttentionLeftIris = "output_left_iris";
    public const string AttentionRightIris = "output_right_iris";
    public const string AttentionFaceFlag = "conv_faceflag";
}
