using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels.MediaPipe;

/// <summary>
/// MediaPipe's TransformLandmarks v2: maps [1,N,D] points (D = 2 or 3) through the first two rows of
/// a 4x4 matrix, z treated as 0 for the mapping and copied unchanged. See custom_ops.md section 4.
/// </summary>
internal sealed unsafe class TransformLandmarksKernel : Kernel
{
    private readonly int _input;
    private readonly int _matrix;
    private readonly int _output;
    private readonly int _count;
    private readonly int _dimensions;

    private TransformLandmarksKernel(int input, int matrix, int output, int count, int dimensions) : base("TransformLandmarks")
    {
        _input = input;
        _matrix = matrix;
        _output = output;
        _count = count;
        _dimensions = dimensions;
    }

    public override int WorkUnits => 1;

    public override long Cost => _count * 4L;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(2, 2, 1);
        context.ExpectInputRank(0, 3);
        context.ExpectBatchOne(0);
        IReadOnlyList<int> shape = context.InputShape(0);
        if (shape[2] is not (2 or 3))
            throw context.Unsupported($"landmarks '{context.Input(0).Name}' {ShapeMath.Format(shape)} must have 2 or 3 values per point");
        if (ShapeMath.ElementCount(context.InputShape(1)) != 16)
            throw context.Format($"matrix '{context.Input(1).Name}' {ShapeMath.Format(context.InputShape(1))} is not 4x4");
        context.ExpectOutputShape(0, shape);
        int input = context.ArenaInput(0), matrix = context.ArenaInput(1), output = context.ArenaOutput(0);
        return new TransformLandmarksKernel(input, matrix, output, shape[1], shape[2]);
    }

    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], m = tensors[_matrix], output = tensors[_output];
        int d = _dimensions;
        for (int k = 0; k < _count; k++)
        {
            float x = input[k * d], y = input[k * d + 1];
            output[k * d] = m[0] * x + m[1] * y + m[3];
            output[k * d + 1] = m[4] * x + m[5] * y + m[7];
            if (d == 3) output[k * d + 2] = input[k * d + 2];
        }
    }
}
