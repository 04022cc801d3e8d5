using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.FlexBuffers;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels.MediaPipe;

/// <summary>
/// MediaPipe's TransformTensorBilinear v2: samples an NHWC feature map through the first two rows
/// of a 4x4 matrix, with the v2 half-pixel correction (the matrix maps continuous crop
/// coordinates, pixel centres at +0.5, to continuous input coordinates). A sample whose position
/// lies outside the span of input pixel centres is 0; inside, neighbours past the edge read as 0.
/// See custom_ops.md section 3. Vectorised over channels; work units are output rows.
/// </summary>
internal sealed unsafe class TransformTensorBilinearKernel : Kernel
{
    private readonly int _input;
    private readonly int _matrix;
    private readonly int _output;
    private readonly int _inHeight;
    private readonly int _inWidth;
    private readonly int _outHeight;
    private readonly int _outWidth;
    private readonly int _channels;
    private readonly VectorIsa _isa;

    private TransformTensorBilinearKernel(int input, int matrix, int output, int inHeight, int inWidth,
        int outHeight, int outWidth, int channels, VectorIsa isa) : base("TransformTensorBilinear")
    {
        _input = input;
        _matrix = matrix;
        _output = output;
        _inHeight = inHeight;
        _inWidth = inWidth;
        _outHeight = outHeight;
        _outWidth = outWidth;
        _channels = channels;
        _isa = isa;
    }

    public override int WorkUnits => _outHeight;

    public override long Cost => (long)_outHeight * _outWidth * _channels * 4;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(2, 2, 1);
        context.ExpectInputRank(0, 4);
        context.ExpectBatchOne(0);
        IReadOnlyList<int> inShape = context.InputShape(0), outShape = context.OutputShape(0);
        if (ShapeMath.ElementCount(context.InputShape(1)) != 16)
            throw context.Format($"matrix '{context.Input(1).Name}' {ShapeMath.Format(context.InputShape(1))} is not 4x4");
        if (outShape.Count != 4 || outShape[0] != 1 || outShape[3] != inShape[3])
            throw context.Format($"output '{context.Output(0).Name}' {ShapeMath.Format(outShape)} must be [1, H, W, {inShape[3]}]");
        if (!context.Op.CustomOptions.IsEmpty)
        {
            FlexMap options;
            try
            {
                options = FlexMap.Parse(context.Op.CustomOptions);
            }
            catch (ModelFormatException e)
            {
                throw new ModelFormatException($"{context.Label}: invalid custom options: {e.Message}", e);
            }
            if (options.ContainsKey("output_height") && options.GetInt32("output_height") != outShape[1]
                || options.ContainsKey("output_width") && options.GetInt32("output_width") != outShape[2])
                throw context.Format($"output_height/output_width options disagree with output '{context.Output(0).Name}' {ShapeMath.Format(outShape)}");
        }
        int input = context.ArenaInput(0), matrix = context.ArenaInput(1), output = context.ArenaOutput(0);
        return new TransformTensorBilinearKernel(input, matrix, output, inShape[1], inShape[2], outShape[1], outShape[2],
            inShape[3], context.Isa);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], m = tensors[_matrix], output = tensors[_output];
        float m00 = m[0], m01 = m[1], m10 = m[4], m11 = m[5];
        float m03 = m[3] + 0.5f * m00 + 0.5f * m01 - 0.5f;
        float m13 = m[7] + 0.5f * m10 + 0.5f * m11 - 0.5f;
        int channels = _channels;
        for (int j = begin; j < end; j++)
        {
            for (int i = 0; i < _outWidth; i++)
            {
                float tx = m00 * i + m01 * j + m03;
                float ty = m10 * i + m11 * j + m13;
                float* destination = output + ((long)j * _outWidth + i) * channels;
                if (!(tx >= 0 && tx <= _inWidth - 1 && ty >= 0 && ty <= _inHeight - 1))
                {
                    new Span<float>(destination, channels).Clear();
                    continue;
                }
                int x0 = (int)MathF.Floor(tx), y0 = (int)MathF.Floor(ty);
                float fx = tx - x0, fy = ty - y0;
                bool hasRight = x0 + 1 < _inWidth, hasBelow = y0 + 1 < _inHeight;
                float* p00 = input + ((long)y0 * _inWidth + x0) * channels;
                float* p01 = hasRight ? p00 + channels : null;
                float* p10 = hasBelow ? p00 + (long)_inWidth * channels : null;
                float* p11 = hasRight && hasBelow ? p10 + channels : null;
                if (_isa == VectorIsa.Vector512) BlendVector<Vector512<float>>(destination, p00, p01, p10, p11, fx, fy);
                else if (_isa == VectorIsa.Vector256) BlendVector<Vector256<float>>(destination, p00, p01, p10, p11, fx, fy);
                else BlendScalar(destination, p00, p01, p10, p11, fx, fy);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void BlendVector<T>(float* destination, float* p00, float* p01, float* p10, float* p11, float fx, float fy)
        where T : struct
    {
        // Separate multiplies and adds, not FMA: the scalar path and MediaPipe round each step.
        T wx0 = VectorOps.Broadcast<T>(1 - fx), wx1 = VectorOps.Broadcast<T>(fx);
        T wy0 = VectorOps.Broadcast<T>(1 - fy), wy1 = VectorOps.Broadcast<T>(fy);
        for (int c = 0; c < _channels; c += VectorOps.Count<T>())
        {
            int n = _channels - c;
            T top = VectorOps.Multiply(wx0, VectorOps.LoadFirst<T>(p00 + c, n));
            if (p01 != null) top = VectorOps.Add(top, VectorOps.Multiply(wx1, VectorOps.LoadFirst<T>(p01 + c, n)));
            T bottom = p10 != null ? VectorOps.Multiply(wx0, VectorOps.LoadFirst<T>(p10 + c, n)) : VectorOps.Zero<T>();
            if (p11 != null) bottom = VectorOps.Add(bottom, VectorOps.Multiply(wx1, VectorOps.LoadFirst<T>(p11 + c, n)));
            VectorOps.StoreFirst(destination + c, VectorOps.Add(VectorOps.Multiply(wy1, bottom), VectorOps.Multiply(wy0, top)), n);
        }
    }

    private void BlendScalar(float* destination, float* p00, float* p01, float* p10, float* p11, float fx, float fy)
    {
        for (int c = 0; c < _channels; c++)
        {
            float top = (1 - fx) * p00[c] + (p01 != null ? fx * p01[c] : 0f);
            float bottom = (p10 != null ? (1 - fx) * p10[c] : 0f) + (p11 != null ? fx * p11[c] : 0f);
            destination[c] = fy * bottom + (1 - fy) * top;
        }
    }
}
