using FaceMesh.Runtime.FlexBuffers;

namespace FaceMesh.Runtime.Kernels.MediaPipe;

/// <summary>Options of MediaPipe's Landmarks2TransformMatrix (version 2), from its FlexBuffers map.</summary>
internal sealed record LandmarksToTransformMatrixAttributes(
    int[] SubsetIndices, int LeftRotationIndex, int RightRotationIndex, float TargetRotationRadians,
    int OutputHeight, int OutputWidth, float ScaleX, float ScaleY)
{
    public static LandmarksToTransformMatrixAttributes Parse(ReadOnlyMemory<byte> customOptions)
    {
        FlexMap map = FlexMap.Parse(customOptions);
        return new LandmarksToTransformMatrixAttributes(
            map.GetInt32Vector("subset_idxs"),
            map.GetInt32("left_rotation_idx"),
            map.GetInt32("right_rotation_idx"),
            map.GetSingle("target_rotation_radians"),
            map.GetInt32("output_height"),
            map.GetInt32("output_width"),
            map.GetSingle("scale_x"),
            map.GetSingle("scale_y"));
    }
}
