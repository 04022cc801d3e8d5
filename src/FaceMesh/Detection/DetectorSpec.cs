using System.Collections.Immutable;
using FaceMesh.Models;

namespace FaceMesh.Detectors;

/// <summary>Everything that differs between the two BlazeFace variants (detection.md section 1).</summary>
internal sealed record DetectorSpec(
    MediaPipeModel Model,
    int InputSize,
    int NumLayers,
    ImmutableArray<int> Strides,
    float InterpolatedScaleAspectRatio,
    int NumBoxes)
{
    public const float MinScale = 0.1484375f;
    public const float MaxScale = 0.75f;
    public const float AnchorOffset = 0.5f;
    public const int CoordinatesPerBox = 16;
    public const int KeypointOffset = 4;
    public const float ScoreClipping = 100f;
    public const float NmsIouThreshold = 0.3f;

    /// <summary>Box, keypoint and size regressors are all divided by the input size.</summary>
    public float CoordinateScale => InputSize;

    public static DetectorSpec ShortRange { get; } =
        new(MediaPipeModel.FaceDetectionShortRange, 128, 4, [8, 16, 16, 16], 1.0f, 896);

    public static DetectorSpec FullRange { get; } =
        new(MediaPipeModel.FaceDetectionFullRange, 192, 1, [4], 0.0f, 2304);

    public static DetectorSpec For(FaceDetectorModel model) => model switch
    {
        FaceDetectorModel.ShortRange => ShortRange,
        FaceDetectorModel.FullRange => FullRange,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown detector model."),
    };
}
