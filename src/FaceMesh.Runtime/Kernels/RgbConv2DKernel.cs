using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// CONV_2D for a 3-channel (RGB) input, the first layer of every model. The general kernel's
/// GEMM view has only 27 (3x3) or 75 (5x5) multiply-adds per pixel and channel block, so its
/// per-tile tables, edge tests and short inner loops cost as much as the arithmetic. Here a work
/// unit is an output row: the filter's input rows are copied once each into a small ring of
/// zero-framed rows (padding becomes plain zeros, the same zeros the general kernel adds), and
/// micro-kernels sweep the row six pixels at a time, every pixel's input one constant
/// displacement from a single pointer. Channel blocks and summation order follow the general
/// kernel's panels (see <see cref="RgbChannelPass"/>), so the outputs are the same bits, except
/// where the general kernel's last tile has fewer than four pixels, and for 24 outputs on AVX2:
/// one block of three vectors adds every tap in turn (as AVX-512's 16 + 8 block does), where the
/// general kernel's last 8-wide panel adds even and odd taps apart.
/// </summary>
internal sealed unsafe class RgbConv2DKernel : Kernel, IFusesActivation, IFusesSpatialPad
{
    private const int InputChannels = 3;
    private const int MaxRingFloats = 16384;          // stack space for the ring of framed input rows
    private const int MaxGeneralSegmentFloats = 8192; // the general kernel sums per filter row only up to this size

    private readonly int _input;
    private readonly int _output;
    private readonly ConvGeometry _g;
    private readonly int _outChannels;
    private readonly int _rowLength; // floats of one filter row: kernel width x 3
    private readonly RgbChannelPass[] _passes;
    private readonly AlignedFloats _weights;
    private readonly AlignedFloats _bias;
    private readonly ConvEpilogue _epilogue;
    private readonly int _slotFloats;
    private readonly bool _wide; // AVX-512: 32 registers hold twelve pixels' accumulators
    private readonly RgbPixelLanes? _pixelLanes; // pixels in lanes instead, where that wins
    private readonly bool _writesPlanes; // the output as ChannelPlaneLayout describes (only on the pixels-in-lanes path)

    private RgbConv2DKernel(int input, int output, ConvGeometry geometry, int outChannels, float[] filter, float[]? bias,
        ConvEpilogue epilogue, VectorIsa isa) : base("Conv2D")
    {
        _input = input;
        _output = output;
        _g = geometry;
        _outChannels = outChannels;
        _rowLength = geometry.KernelWidth * InputChannels;
        int depth = geometry.Taps * InputChannels;
        _passes = RgbChannelPass.Plan(outChannels, depth, isa);
        var (weightFloats, biasFloats) = RgbChannelPass.Sizes(_passes, depth);
        _weights = new AlignedFloats(weightFloats);
        _bias = new AlignedFloats(biasFloats);
        foreach (RgbChannelPass pass in _passes) pass.Pack(filter, bias, depth, _weights.AsSpan(), _bias.AsSpan());
        _epilogue = epilogue;
        _slotFloats = SlotFloats(geometry);
        _wide = isa == VectorIsa.Vector512;
        if (RgbPixelLanes.Handles(isa, geometry, outChannels)) _pixelLanes = new RgbPixelLanes(outChannels, depth, filter, bias);
    }

    private RgbConv2DKernel(RgbConv2DKernel source, bool writesPlanes) : this(source, source._epilogue, source._output, source._input, source._g)
    {
        _writesPlanes = writesPlanes;
    }

    private RgbConv2DKernel(RgbConv2DKernel source, ConvEpilogue epilogue, int output, int input, ConvGeometry geometry,
        bool pixelLanes = true) : base(source.OpName)
    {
        _input = input;
        _output = output;
        _g = geometry;
        _outChannels = source._outChannels;
        _rowLength = source._rowLength;
        _passes = source._passes;
        _weights = source._weights;
        _bias = source._bias;
        _epilogue = epilogue;
        _slotFloats = SlotFloats(geometry);
        _wide = source._wide;
        bool lanes = pixelLanes && source._pixelLanes is not null && RgbPixelLanes.Handles(VectorIsa.Vector512, geometry, _outChannels);
        _pixelLanes = lanes ? source._pixelLanes : null;
    }

    public override int WorkUnits => _g.OutputHeight;

    public override long Cost => (long)_g.OutputPixels * _outChannels * _g.Taps * InputChannels;

    public int InputTensor => _input;

    /// <summary>Whether the pixels-in-lanes path (<see cref="RgbPixelLanes"/>) computes this layer.</summary>
    internal bool UsesPixelLanes => _pixelLanes is not null;

    public int OutputTensor => _output;
    internal ConvGeometry Geometry => _g;
    internal int OutChannels => _outChannels;
    internal bool WritesPlanes => _writesPlanes;

    /// <summary>The same layer writing its output as <see cref="ChannelPlaneLayout"/> planes; only on the pixels-in-lanes path.</summary>
    internal RgbConv2DKernel WithPlaneOutput() =>
        _pixelLanes is not null ? new(this, writesPlanes: true) : throw new InvalidOperationException("Only the pixels-in-lanes path writes planes.");

    /// <summary>The same layer on the channels-in-lanes tiles only (tests compare the two paths).</summary>
    internal RgbConv2DKernel WithoutPixelLanes() => new(this, _epilogue, _output, _input, _g, pixelLanes: false);

    public override string Describe() => _g.Describe(InputChannels, _outChannels);

    /// <summary>
    /// This kernel for a convolution <see cref="Conv2DKernel.Create"/> has validated, when the input
    /// has 3 channels, the window is undilated with a horizontal stride of 1 or 2, and a vector path
    /// is on; otherwise null.
    /// </summary>
    public static RgbConv2DKernel? TryCreate(VectorIsa isa, int input, int output, ConvGeometry geometry, int inChannels, int outChannels,
        float[] filter, float[]? bias, ConvEpilogue epilogue)
    {
        if (isa == VectorIsa.Scalar || inChannels != InputChannels || !Handles(geometry, outChannels)) return null;
        return new RgbConv2DKernel(input, output, geometry, outChannels, filter, bias, epilogue, isa);
    }

    private static bool Handles(ConvGeometry g, int outChannels) =>
        g is { DilationHeight: 1, DilationWidth: 1, StrideWidth: 1 or 2 }
        && RgbConvTiles.Pixels * g.Taps * InputChannels <= MaxGeneralSegmentFloats
        && (long)g.KernelHeight * SlotFloats(g) <= MaxRingFloats
        && (g.OutputWidth >= RgbConvTiles.Pixels || outChannels <= 1024);

    /// <summary>
    /// Floats of one framed input row: the frame's left columns, the row, and enough zero columns
    /// on the right for the last sweep of six pixels (which may start before the row's end).
    /// </summary>
    private static int SlotFloats(ConvGeometry g)
    {
        int sweepColumns = (Math.Max(g.OutputWidth, RgbConvTiles.Pixels) - 1) * g.StrideWidth + g.KernelWidth;
        int columns = Math.Max(g.PadLeft + g.InputWidth, sweepColumns);
        return SimdSupport.RoundUp(columns * InputChannels);
    }

    public Kernel? FuseActivation(ActivationRange clamp, float[]? slopes, int output)
    {
        if (!_epilogue.IsIdentity || slopes is not null && slopes.Length != _outChannels) return null;
        return new RgbConv2DKernel(this, new ConvEpilogue(clamp, slopes), output, _input, _g);
    }

    public Kernel? ReadUnpadded(int input, int height, int width, int top, int left)
    {
        ConvGeometry geometry = _g.ReadingUnpadded(height, width, top, left);
        return Handles(geometry, _outChannels) ? new RgbConv2DKernel(this, _epilogue, _output, input, geometry) : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run(in TensorMap tensors, int begin, int end)
    {
        if (_epilogue.Scales)
        {
            if (_epilogue.Clamps) Run<SlopesThenClamp>(tensors, begin, end);
            else Run<SlopesOnly>(tensors, begin, end);
        }
        else if (_epilogue.Clamps) Run<ClampOnly>(tensors, begin, end);
        else Run<NoActivation>(tensors, begin, end);
    }

    private void Run<TActivation>(in TensorMap tensors, int begin, int end) where TActivation : struct, IActivationMode
    {
        if (_pixelLanes is not null && _writesPlanes)
            _pixelLanes.Run<PlaneOutput, TActivation>(_g, _epilogue, tensors[_input], tensors[_output], begin, end);
        else if (_pixelLanes is not null)
            _pixelLanes.Run<PixelOutput, TActivation>(_g, _epilogue, tensors[_input], tensors[_output], begin, end);
        else if (_g.StrideWidth == 1) Run<StrideOneStep, TActivation>(tensors, begin, end);
        else Run<StrideTwoStep, TActivation>(tensors, begin, end);
    }

    /// <summary>Output rows [begin, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run<TStep, TActivation>(in TensorMap tensors, int begin, int end)
        where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        if (begin >= end) return;
        float* input = tensors[_input];
        float* output = tensors[_output];
        int filterRows = _g.KernelHeight, slotFloats = _slotFloats;
        int rowFloats = _g.InputWidth * InputChannels, frame = _g.PadLeft * InputChannels;
        float* ring = stackalloc float[filterRows * slotFloats];
        new Span<float>(ring, filterRows * slotFloats).Clear();
        int* held = stackalloc int[filterRows]; // which input row each slot holds
        for (int i = 0; i < filterRows; i++) held[i] = int.MinValue;
        float** rows = stackalloc float*[filterRows];
        // Images narrower than one sweep are computed into a scratch row and copied out.
        float* narrow = stackalloc float[_g.OutputWidth < RgbConvTiles.Pixels ? RgbConvTiles.Pixels * _outChannels : 0];

        for (int oy = begin; oy < end; oy++)
        {
            int iy0 = oy * _g.StrideHeight - _g.PadTop;
            for (int ky = 0; ky < filterRows; ky++)
            {
                int iy = iy0 + ky;
                int slot = (iy % filterRows + filterRows) % filterRows;
                float* row = ring + (long)slot * slotFloats;
                if (held[slot] != iy)
                {
                    held[slot] = iy;
                    var inner = new Span<float>(row + frame, rowFloats);
                    if ((uint)iy < (uint)_g.InputHeight) new ReadOnlySpan<float>(input + (long)iy * rowFloats, rowFloats).CopyTo(inner);
                    else inner.Clear();
                }
                rows[ky] = row;
            }
            float* outRow = output + (long)oy * _g.OutputWidth * _outChannels;
            foreach (RgbChannelPass pass in _passes)
            {
                switch (pass.Kind)
                {
                    case RgbPassKind.Two512: SweepTwo<Vector512<float>, Vector512<float>, TStep, TActivation>(pass, rows, outRow, narrow); break;
                    case RgbPassKind.Two512And256: SweepTwo<Vector512<float>, Vector256<float>, TStep, TActivation>(pass, rows, outRow, narrow); break;
                    case RgbPassKind.Two256: SweepTwo<Vector256<float>, Vector256<float>, TStep, TActivation>(pass, rows, outRow, narrow); break;
                    case RgbPassKind.Three256: SweepThree<TStep, TActivation>(pass, rows, outRow, narrow); break;
                    case RgbPassKind.One512: SweepOne<Vector512<float>, TStep, TActivation>(pass, rows, outRow, narrow); break;
                    default: SweepOne<Vector256<float>, TStep, TActivation>(pass, rows, outRow, narrow); break;
                }
            }
        }
    }

    /// <summary>
    /// One channel block across an output row, ten or twelve pixels at a time with AVX-512, then six; the
    /// last six end at the row's end (recomputing a few pixels: the same values again) rather
    /// than running past it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SweepTwo<T0, T1, TStep, TActivation>(in RgbChannelPass pass, float** rows, float* outRow, float* narrow)
        where T0 : struct where T1 : struct where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        var first = new GroupStore<T0, TActivation>(_epilogue, pass.Column, pass.FirstCount);
        var second = new GroupStore<T1, TActivation>(_epilogue, pass.Column + pass.FirstWidth, pass.SecondCount);
        float* weights = _weights.Pointer + pass.WeightOffset, bias = _bias.Pointer + pass.BiasOffset;
        int width = _g.OutputWidth, filterRows = _g.KernelHeight, rowLength = _rowLength, pixelFloats = _outChannels;
        if (width < RgbConvTiles.Pixels)
        {
            RgbConvTiles.SixByTwo<T0, T1, TStep, TActivation>(rows, 0, filterRows, rowLength, weights, bias, narrow + pass.Column, pixelFloats, first, second);
            CopyNarrow(pass, outRow, narrow);
            return;
        }
        int ox = 0;
        if (_wide)
        {
            for (; ox + RgbConvTiles.WidePixelsTwoGroups <= width; ox += RgbConvTiles.WidePixelsTwoGroups)
            {
                RgbConvTiles.TenByTwo<T0, T1, TStep, TActivation>(rows, ox * TStep.Floats, filterRows, rowLength, weights, bias,
                    outRow + (long)ox * pixelFloats + pass.Column, pixelFloats, first, second);
            }
        }
        for (; ox < width; ox += RgbConvTiles.Pixels)
        {
            int start = Math.Min(ox, width - RgbConvTiles.Pixels);
            RgbConvTiles.SixByTwo<T0, T1, TStep, TActivation>(rows, start * TStep.Floats, filterRows, rowLength, weights, bias,
                outRow + (long)start * pixelFloats + pass.Column, pixelFloats, first, second);
        }
    }

    /// <summary>24 outputs on AVX2 across an output row, four pixels at a time (see <see cref="RgbConvTiles.FourByThree"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SweepThree<TStep, TActivation>(in RgbChannelPass pass, float** rows, float* outRow, float* narrow)
        where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        const int lanes = 8, pixels = RgbConvTiles.PixelsThreeGroups;
        var first = new WholeGroupStore<TActivation>(_epilogue, pass.Column);
        var second = new WholeGroupStore<TActivation>(_epilogue, pass.Column + lanes);
        var third = new WholeGroupStore<TActivation>(_epilogue, pass.Column + 2 * lanes);
        float* weights = _weights.Pointer + pass.WeightOffset, bias = _bias.Pointer + pass.BiasOffset;
        int width = _g.OutputWidth, filterRows = _g.KernelHeight, rowLength = _rowLength, pixelFloats = _outChannels;
        if (width < pixels)
        {
            RgbConvTiles.FourByThree<TStep, TActivation>(rows, 0, filterRows, rowLength, weights, bias, narrow + pass.Column, pixelFloats, first, second, third);
            CopyNarrow(pass, outRow, narrow);
            return;
        }
        for (int ox = 0; ox < width; ox += pixels)
        {
            int start = Math.Min(ox, width - pixels);
            RgbConvTiles.FourByThree<TStep, TActivation>(rows, start * TStep.Floats, filterRows, rowLength, weights, bias,
                outRow + (long)start * pixelFloats + pass.Column, pixelFloats, first, second, third);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SweepOne<T, TStep, TActivation>(in RgbChannelPass pass, float** rows, float* outRow, float* narrow)
        where T : struct where TStep : struct, IPixelStep where TActivation : struct, IActivationMode
    {
        var group = new GroupStore<T, TActivation>(_epilogue, pass.Column, pass.FirstCount);
        float* weights = _weights.Pointer + pass.WeightOffset, bias = _bias.Pointer + pass.BiasOffset;
        int width = _g.OutputWidth, filterRows = _g.KernelHeight, rowLength = _rowLength, pixelFloats = _outChannels;
        if (width < RgbConvTiles.Pixels)
        {
            RgbConvTiles.SixByOne<T, TStep, TActivation>(rows, 0, filterRows, rowLength, weights, bias, narrow + pass.Column, pixelFloats, group);
            CopyNarrow(pass, outRow, narrow);
            return;
        }
        int ox = 0;
        if (_wide)
        {
            for (; ox + RgbConvTiles.WidePixels <= width; ox += RgbConvTiles.WidePixels)
            {
                RgbConvTiles.TwelveByOne<T, TStep, TActivation>(rows, ox * TStep.Floats, filterRows, rowLength, weights, bias,
                    outRow + (long)ox * pixelFloats + pass.Column, pixelFloats, group);
            }
        }
        for (; ox < width; ox += RgbConvTiles.Pixels)
        {
            int start = Math.Min(ox, width - RgbConvTiles.Pixels);
            RgbConvTiles.SixByOne<T, TStep, TActivation>(rows, start * TStep.Floats, filterRows, rowLength, weights, bias,
                outRow + (long)start * pixelFloats + pass.Column, pixelFloats, group);
        }
    }

    private void CopyNarrow(in RgbChannelPass pass, float* outRow, float* narrow)
    {
        int count = pass.FirstCount + pass.SecondCount;
        for (int p = 0; p < _g.OutputWidth; p++)
        {
            long at = (long)p * _outChannels + pass.Column;
            new ReadOnlySpan<float>(narrow + at, count).CopyTo(new Span<float>(outRow + at, count));
        }
    }
}
