using System.Runtime.CompilerServices;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The AVX-512 path of <see cref="RgbConv2DKernel"/> for stride-2 layers with 24 outputs
/// (BlazeFace's first layer): with channels in lanes, 24 outputs fill only 24 of every 32 lanes,
/// so a quarter of the multiply-adds are wasted on lanes that are dropped. Here pixels are in
/// lanes instead (<see cref="RgbLaneTile"/>): each needed input row is split once into planes
/// per channel and column parity (<see cref="RgbColumnPlanes"/>), and each output is the same
/// chain of multiply-adds as on the channels-in-lanes path (bias, then the filter rows in
/// order, each row's floats in frame order, padding as zeros), so the same bits.
/// </summary>
internal sealed unsafe class RgbPixelLanes
{
    private const int InputChannels = 3;
    private const int MaxRingFloats = 16384; // stack space for the ring of split input rows

    private readonly int _outChannels;
    private readonly int _taps; // filter rows x columns x input channels
    private readonly AlignedFloats _weights;
    private readonly AlignedFloats _bias;

    public RgbPixelLanes(int outChannels, int taps, float[] filter, float[]? bias)
    {
        _outChannels = outChannels;
        _taps = taps;
        _weights = new AlignedFloats(outChannels * taps);
        _bias = new AlignedFloats(outChannels);
        Span<float> weights = _weights.AsSpan();
        // [block of twelve channels][tap][channel in block]: one tile reads its block's taps in order.
        for (int block = 0; block < outChannels; block += RgbLaneTile.Channels)
        {
            for (int t = 0; t < taps; t++)
            {
                for (int j = 0; j < RgbLaneTile.Channels; j++)
                    weights[block * taps + t * RgbLaneTile.Channels + j] = filter[(long)(block + j) * taps + t];
            }
        }
        bias?.CopyTo(_bias.AsSpan());
    }

    /// <summary>
    /// Whether this path applies and wins: measured on the 512-bit path, it is faster than channels in
    /// lanes where those waste lanes (24 outputs); where they fill every lane, splitting the rows
    /// and transposing the outputs are pure overhead (face_landmark's 192x192x3 -> 96x96x16, tried
    /// as 32 pixels x 4 channels x even/odd chains to keep its bits: 0.068 -> 0.100 ms).
    /// </summary>
    public static bool Handles(VectorIsa isa, ConvGeometry g, int outChannels) =>
        isa == VectorIsa.Vector512 && outChannels == 24
        && g is { StrideWidth: 2, DilationHeight: 1, DilationWidth: 1 } && g.OutputWidth >= RgbLaneTile.Pixels
        && (long)g.KernelHeight * RgbColumnPlanes.Count * PlaneFloats(g) <= MaxRingFloats;

    private static int PlaneFloats(ConvGeometry g) => RgbColumnPlanes.PlaneFloats(g.InputWidth, g.PadLeft, g.OutputWidth, g.KernelWidth);

    /// <summary>Output rows [begin, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run<TOutput, TActivation>(in ConvGeometry g, in ConvEpilogue epilogue, float* input, float* output, int begin, int end)
        where TOutput : struct, IPlaneOutput where TActivation : struct, IActivationMode
    {
        if (begin >= end) return;
        if (TOutput.Planes) ChannelPlaneLayout.ClearFrame(output, g.OutputHeight, g.OutputWidth, _outChannels, begin, end);
        int filterRows = g.KernelHeight, filterColumns = g.KernelWidth, planeFloats = PlaneFloats(g);
        int slotFloats = RgbColumnPlanes.Count * planeFloats, rowFloats = g.InputWidth * InputChannels;
        int width = g.OutputWidth, step = TOutput.Step(_outChannels, width);
        float* ring = stackalloc float[filterRows * slotFloats];
        new Span<float>(ring, filterRows * slotFloats).Clear();
        int* held = stackalloc int[filterRows]; // which input row each slot holds
        for (int i = 0; i < filterRows; i++) held[i] = int.MinValue;
        float** taps = stackalloc float*[_taps];

        for (int oy = begin; oy < end; oy++)
        {
            int iy0 = oy * g.StrideHeight - g.PadTop;
            float** tap = taps;
            for (int ky = 0; ky < filterRows; ky++)
            {
                int iy = iy0 + ky;
                int slot = (iy % filterRows + filterRows) % filterRows;
                float* planes = ring + (long)slot * slotFloats;
                if (held[slot] != iy)
                {
                    held[slot] = iy;
                    if ((uint)iy < (uint)g.InputHeight) RgbColumnPlanes.Split(input + (long)iy * rowFloats, g.InputWidth, g.PadLeft, planes, planeFloats);
                    else new Span<float>(planes, slotFloats).Clear();
                }
                for (int kx = 0; kx < filterColumns; kx++)
                {
                    for (int c = 0; c < InputChannels; c++) *tap++ = RgbColumnPlanes.Plane(planes, planeFloats, c, kx & 1) + (kx >> 1);
                }
            }
            float* outRow = TOutput.Row(output, oy, width, _outChannels);
            for (int block = 0; block < _outChannels; block += RgbLaneTile.Channels)
            {
                float* w = _weights.Pointer + (long)block * _taps, bias = _bias.Pointer + block;
                // The last tile ends at the row's end, recomputing a few pixels (the same values again).
                for (int x = 0; x < width; x += RgbLaneTile.Pixels)
                {
                    int start = Math.Min(x, width - RgbLaneTile.Pixels);
                    float* tile = outRow + TOutput.ChannelStep(step) * block + TOutput.PixelStep(start, step);
                    RgbLaneTile.Run<TOutput, TActivation>(taps, _taps, start, w, bias, epilogue, block, tile, step);
                }
            }
        }
    }
}
