using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels.MediaPipe;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>Maps an operator code to the factory that validates it and builds its kernel.</summary>
internal static class KernelRegistry
{
    /// <summary>The kernel for the operator, or null when the operator only aliases its input (the context says so).</summary>
    public static Kernel? Create(KernelBuildContext context) => context.Code.Builtin switch
    {
        BuiltinOperator.Conv2D => Conv2DKernel.Create(context),
        BuiltinOperator.DepthwiseConv2D => DepthwiseConv2DKernel.Create(context),
        BuiltinOperator.Add => BinaryKernel.Create(context, BinaryOperation.Add),
        BuiltinOperator.Mul => BinaryKernel.Create(context, BinaryOperation.Multiply),
        BuiltinOperator.Relu => ClampKernel.Create(context, 0f, float.PositiveInfinity),
        BuiltinOperator.Relu6 => ClampKernel.Create(context, 0f, 6f),
        BuiltinOperator.PRelu => PReluKernel.Create(context),
        BuiltinOperator.Pad => PadKernel.Create(context),
        BuiltinOperator.MaxPool2D => MaxPool2DKernel.Create(context),
        BuiltinOperator.Reshape => ReshapeOp.Create(context),
        BuiltinOperator.Concatenation => ConcatenationKernel.Create(context),
        BuiltinOperator.StridedSlice => StridedSliceKernel.Create(context),
        BuiltinOperator.ResizeBilinear => ResizeBilinearKernel.Create(context),
        BuiltinOperator.DepthToSpace => DepthToSpaceKernel.Create(context),
        BuiltinOperator.Dequantize => throw context.Unsupported("DEQUANTIZE of a non-constant tensor is not supported (only constant FLOAT16 weights)"),
        BuiltinOperator.Densify => throw context.Unsupported("DENSIFY of a non-constant tensor is not supported"),
        BuiltinOperator.Custom => CreateCustom(context),
        _ => throw context.Unsupported($"operator {context.Code} is not supported"),
    };

    private static Kernel CreateCustom(KernelBuildContext context)
    {
        string name = context.Code.CustomCode ?? "";
        int version = context.Code.Version;
        return name switch
        {
            "Landmarks2TransformMatrix" when version == 2 => LandmarksToTransformMatrixKernel.Create(context),
            "TransformTensorBilinear" when version == 2 => TransformTensorBilinearKernel.Create(context),
            "TransformLandmarks" when version == 2 => TransformLandmarksKernel.Create(context),
            _ => throw context.Unsupported($"custom operator '{name}' version {version} is not supported"),
        };
    }
}
