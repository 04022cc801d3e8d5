using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// RESIZE_BILINEAR with TFLite's coordinate rules for both align_corners and half_pixel_centers.
/// Source rows/columns and weights are computed once at load; the loop blends four input pixels
/// per output pixel, vectorised over channels. Work units are output rows.
/// </summary>
internal sealed unsafe class ResizeBilinearKernel : Kernel
{
    private readonly int _input;
    private readonly int _output;
    private readonly int _inWidth;
    private readonly int _channels;
    private readonly SourceTaps _rows;
    private readonly SourceTaps _columns;
    private readonly VectorIsa _isa;

    /// <summary>For each output index: the two source indices and the weight of the second.</summary>
    private sealed record SourceTaps(int[] Low, int[] High, float[] Fraction);

    private ResizeBilinearKernel(int input, int output, int inWidth, int channels, SourceTaps rows, SourceTaps columns, VectorIsa isa)
        : base("ResizeBilinear")
    {
        _input = input;
        _output = output;
        _inWidth = inWidth;
        _channels = channels;
        _rows = rows;
        _columns = columns;
        _isa = isa;
    }

    public override int WorkUnits => _rows.Low.Length;

    public override long Cost => (long)_rows.Low.Length * _columns.Low.Length * _channels * 4;


    protected override int CostToConvolutionRatio => 2;

    public static Kernel Create(KernelBuildContext context)
    {
        context.RequireArity(2, 2, 1);
        var options = context.Options<ResizeBilinearOptions>();
        if (options.AlignCorners && options.HalfPixelCenters)
            throw context.Format("align_corners and half_pixel_centers cannot both be set");
        context.ExpectInputRank(0, 4);
        context.ExpectBatchOne(0);
        IReadOnlyList<int> shape = context.InputShape(0);
        int[] size = context.ConstantInts(1);
        if (size.Length != 2 || size[0] < 1 || size[1] < 1)
            throw context.Format($"size '{context.Input(1).Name}' must hold two positive values");
        context.ExpectOutputShape(0, [1, size[0], size[1], shape[3]]);
        int input = context.ArenaInput(0), output = context.ArenaOutput(0);
        return new ResizeBilinearKernel(input, output, shape[2], shape[3],
            Taps(shape[1], size[0], options.AlignCorners, options.HalfPixelCenters),
            Taps(shape[2], size[1], options.AlignCorners, options.HalfPixelCenters),
            context.Isa);
    }

    private static SourceTaps Taps(int inSize, int outSize, bool alignCorners, bool halfPixel)
    {
        float scale = alignCorners && outSize > 1 ? (inSize - 1) / (float)(outSize - 1) : inSize / (float)outSize;
        var low = new int[outSize];
        var high = new int[outSize];
        var fraction = new float[outSize];
        for (int i = 0; i < outSize; i++)
        {
            float source = halfPixel ? (i + 0.5f) * scale - 0.5f : i * scale;
            int floor = (int)MathF.Floor(source);
            low[i] = Math.Max(floor, 0);
            high[i] = Math.Min(floor + 1, inSize - 1);
            // Measured from the clamped low index, as TFLite does: at the top/left border both
            // taps are the same pixel, so the (negative) weight cancels out.
            fraction[i] = source - low[i];
        }
        return new SourceTaps(low, high, fraction);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        float* input = tensors[_input], output = tensors[_output];
        int channels = _channels, outWidth = _columns.Low.Length;
        for (int oy = begin; oy < end; oy++)
        {
            float dy = _rows.Fraction[oy];
            float* top = input + (long)_rows.Low[oy] * _inWidth * channels;
            float* bottom = input + (long)_rows.High[oy] * _inWidth * channels;
            for (int ox = 0; ox < outWidth; ox++)
            {
                float dx = _columns.Fraction[ox];
                long left = (long)_columns.Low[ox] * channels, right = (long)_columns.High[ox] * channels;
                float w00 = (1 - dy) * (1 - dx), w01 = (1 - dy) * dx, w10 = dy * (1 - dx), w11 = dy * dx;
                float* destination = output + ((long)oy * outWidth + ox) * channels;
                int c = 0;
                if (_isa == VectorIsa.Vector512)
                {
                    Blend<Vector512<float>>(destination, top + left, top + right, bottom + left, bottom + right, w00, w01, w10, w11);
                    continue;
                }
                if (_isa == VectorIsa.Vector256)
                {
                    Blend<Vector256<float>>(destination, top + left, top + right, bottom + left, bottom + right, w00, w01, w10, w11);
                    continue;
                }
                for (; c < channels; c++)
                {
                    destination[c] = top[left + c] * w00 + top[right + c] * w01 + bottom[left + c] * w10 + bottom[right + c] * w11;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Blend<T>(float* destination, float* p00, float* p01, float* p10, float* p11, float w00, float w01, float w10, float w11)
        where T : struct
    {
        T v00 = VectorOps.Broadcast<T>(w00), v01 = VectorOps.Broadcast<T>(w01);
        T v10 = VectorOps.Broadcast<T>(w10), v11 = VectorOps.Broadcast<T>(w11);
        int channels = _channels;
        for (int c = 0; c < channels; c += VectorOps.Count<T>())
        {
            int n = channels - c;
            T sum = VectorOps.Multiply(VectorOps.LoadFirst<T>(p00 + c, n), v00);
            sum = VectorOps.MultiplyAdd(VectorOps.LoadFirst<T>(p01 + c, n), v01, sum);
            sum = VectorOps.MultiplyAdd(VectorOps.LoadFirst<T>(p10 + c, n), v10, sum);
            sum = VectorOps.MultiplyAdd(VectorOps.LoadFirst<T>(p11 + c, n), v11, sum);
            VectorOps.StoreFirst(destination + c, sum, n);
        }
    }
}
