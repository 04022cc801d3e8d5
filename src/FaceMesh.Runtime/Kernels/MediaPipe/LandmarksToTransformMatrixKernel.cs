using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels.MediaPipe;

/// <summary>
/// MediaPipe's Landmarks2TransformMatrix v2: from [1,N,3] landmarks, the row-major 4x4 matrix that
/// maps a Wo x Ho crop onto an oriented box around a subset of landmarks. The box is axis-aligned
/// after rotating the points so the left-right rotation landmarks point at the target angle,
/// enlarged by (scale_x, scale_y). See custom_ops.md section 2.
/// </summary>
internal sealed unsafe class LandmarksToTransformMatrixKernel : Kernel
{
    private readonly int _input;
    private readonly int _output;
    private readonly int _landmarks;
    private readonly LandmarksToTransformMatrixAttributes _attributes;

    private LandmarksToTransformMatrixKernel(int input, int output, int landmarks, LandmarksToTransformMatrixAttributes attributes)
        : base("Landmarks2TransformMatrix")
    {
        _input = input;
        _landmarks = landmarks;
        _output = output;
        _attributes = attributes;
    }

    public override int WorkUnits => 1;

    public override long Cost => _attributes.SubsetIndices.Length * 8L;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(1, 1, 1);
        context.ExpectInputRank(0, 3);
        context.ExpectBatchOne(0);
        IReadOnlyList<int> shape = context.InputShape(0);
        if (shape[2] != 3) throw context.Unsupported($"input '{context.Input(0).Name}' {ShapeMath.Format(shape)} must hold 3 values per landmark");
        LandmarksToTransformMatrixAttributes attributes;
        try
        {
            attributes = LandmarksToTransformMatrixAttributes.Parse(context.Op.CustomOptions);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{context.Label}: invalid custom options: {e.Message}", e);
        }
        Validate(context, attributes, shape[1]);
        context.ExpectOutputShape(0, [1, 4, 4]);
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new LandmarksToTransformMatrixKernel(input, output, shape[1], attributes);
    }

    internal static void Validate(KernelBuildContext context, LandmarksToTransformMatrixAttributes a, int landmarks)
    {
        if (a.SubsetIndices.Length == 0) throw context.Format("subset_idxs is empty");
        foreach (int index in a.SubsetIndices.Append(a.LeftRotationIndex).Append(a.RightRotationIndex))
        {
            if (index < 0 || index >= landmarks)
                throw context.Format($"landmark index {index} is outside the {landmarks} input landmarks");
        }
        if (a.OutputHeight <= 0 || a.OutputWidth <= 0)
            throw context.Format($"output size {a.OutputWidth}x{a.OutputHeight} must be positive");
        if (!(a.ScaleX > 0) || !(a.ScaleY > 0))
            throw context.Format($"scale ({a.ScaleX}, {a.ScaleY}) must be positive");
    }

    public override void Run(in TensorMap tensors, int begin, int end) =>
        Compute(new ReadOnlySpan<float>(tensors[_input], 3 * _landmarks), new Span<float>(tensors[_output], 16), _attributes);

    /// <summary>The maths on plain spans (landmarks as x,y,z triples), shared with tests.</summary>
    internal static void Compute(ReadOnlySpan<float> landmarks, Span<float> matrix, LandmarksToTransformMatrixAttributes a)
    {
        float xl = landmarks[3 * a.LeftRotationIndex], yl = landmarks[3 * a.LeftRotationIndex + 1];
        float xr = landmarks[3 * a.RightRotationIndex], yr = landmarks[3 * a.RightRotationIndex + 1];
        float theta = a.TargetRotationRadians - MathF.Atan2(yr - yl, xr - xl);
        float cos = MathF.Cos(theta), sin = MathF.Sin(theta);

        // Bounding box of the subset in the rotated frame. An odd count pairs the last index with
        // itself, so every listed index contributes exactly once to min/max.
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        bool first = true;
        foreach (int index in a.SubsetIndices)
        {
            float x = landmarks[3 * index], y = landmarks[3 * index + 1];
            float qx = cos * x - sin * y, qy = sin * x + cos * y;
            if (first)
            {
                minX = maxX = qx;
                minY = maxY = qy;
                first = false;
                continue;
            }
            minX = MathF.Min(minX, qx); maxX = MathF.Max(maxX, qx);
            minY = MathF.Min(minY, qy); maxY = MathF.Max(maxY, qy);
        }

        float midX = (minX + maxX) / 2, midY = (minY + maxY) / 2;
        float backCos = MathF.Cos(-theta), backSin = MathF.Sin(-theta);
        float centerX = backCos * midX - backSin * midY, centerY = backSin * midX + backCos * midY;
        float scaleX = a.ScaleX * (maxX - minX) / a.OutputWidth;
        float scaleY = a.ScaleY * (maxY - minY) / a.OutputHeight;

        Span<float> m = stackalloc float[16];
        Matrix4.Identity(m);
        Matrix4.MultiplyRight(m, Matrix4.Translation(stackalloc float[16], centerX, centerY));
        Matrix4.MultiplyRight(m, Matrix4.RotationZ(stackalloc float[16], backCos, backSin));
        Matrix4.MultiplyRight(m, Matrix4.Scale(stackalloc float[16], scaleX, scaleY));
        Matrix4.MultiplyRight(m, Matrix4.Translation(stackalloc float[16], -a.OutputWidth / 2f, -a.OutputHeight / 2f));
        m.CopyTo(matrix);
    }
}
