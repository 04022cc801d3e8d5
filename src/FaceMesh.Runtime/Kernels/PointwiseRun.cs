using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// A 1x1 convolution over a run of whole tiles of <see cref="Conv2DKernel"/>, for the 1x1 half of
/// a fused depthwise+1x1 pair on the vector paths (and, for layers to 8 or 4 outputs, for the
/// standalone 1x1 kernel too: see the channel-pair part). A tile's six pixels are consecutive in NHWC,
/// so its input, output and shortcut rows are one pointer plus fixed strides: no indirection
/// table to build and read back per tile, which at 16 input channels (96 multiply-adds per
/// vector and tile) cost a large share of the layer. Each output is summed exactly as the
/// <see cref="Conv2DKernel"/> micro-kernel for a whole tile sums it (two-vector panels input
/// channel by input channel from the bias, one-vector panels even and odd input channels apart,
/// then added), so results are bit-identical.
/// </summary>
internal sealed unsafe partial class PointwiseRun
{
    private const int Group = Conv2DKernel.PixelsPerTile;

    private readonly PointwiseLayout _layout;
    private readonly int _cin;
    private readonly int _cout;
    private readonly int _shortcutStride;

    public PointwiseRun(PointwiseLayout layout)
    {
        _layout = layout;
        _cin = layout.InChannels;
        _cout = layout.OutChannels;
        _shortcutStride = layout.Residual.Channels;
        int pairedOutputs = PairedOutputs(layout);
        if (pairedOutputs != 0) (_channelPairWeights, _channelPairBias) = PackChannelPairs(layout, 0, pairedOutputs);
        int tailOutputs = pairedOutputs == 0 ? TailPairOutputs(layout) : 0;
        if (tailOutputs != 0) (_tailPairWeights, _tailPairBias) = PackChannelPairs(layout, TailColumnOf(layout), tailOutputs);
    }

    /// <summary>Pixels [<paramref name="first"/>, <paramref name="end"/>): whole tiles, every panel.</summary>
    public void Run(in TensorMap tensors, int first, int end)
    {
        if (first >= end) return;
        float* input = tensors[_layout.Input];
        float* output = tensors[_layout.Output];
        if (_channelPairWeights is not null)
        {
            RunChannelPairs(input, output, _layout.Residual.IsPresent ? tensors[_layout.Residual.Tensor] : null, first, end);
            return;
        }
        if (_layout.Residual.IsPresent) Run<WithResidual>(input, output, tensors[_layout.Residual.Tensor], first, end);
        else Run<NoResidual>(input, output, null, first, end);
    }

    private void Run<TResidual>(float* input, float* output, float* shortcut, int first, int end) where TResidual : struct, IResidualMode
    {
        ConvEpilogue epilogue = _layout.Epilogue;
        if (epilogue.Scales)
        {
            if (epilogue.Clamps) Run<TResidual, SlopesThenClamp>(input, output, shortcut, first, end);
            else Run<TResidual, SlopesOnly>(input, output, shortcut, first, end);
        }
        else if (epilogue.Clamps) Run<TResidual, ClampOnly>(input, output, shortcut, first, end);
        else Run<TResidual, NoActivation>(input, output, shortcut, first, end);
    }

    private void Run<TResidual, TActivation>(float* input, float* output, float* shortcut, int first, int end)
        where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        if (_layout.Isa == VectorIsa.Vector512) Run<Vector512<float>, TResidual, TActivation>(input, output, shortcut, first, end);
        else Run<Vector256<float>, TResidual, TActivation>(input, output, shortcut, first, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run<T, TResidual, TActivation>(float* input, float* output, float* shortcut, int first, int end)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        // A last panel of 8 or 4 outputs runs as channel pairs, after the panels the vector tiles take.
        if (_tailPairWeights is not null) RunTailPairs<TActivation>(input, output, first, end);
        if (HasFixedInputs)
        {
            RunFixedInputs<T, TResidual, TActivation>(input, output, shortcut, first, end);
            return;
        }
        int panels = VectorPanels, panelWidth = _layout.PanelWidth, lanes = VectorOps.Count<T>();
        for (int panel = 0; panel < panels; panel++)
        {
            int column = panel * panelWidth, width = Math.Min(panelWidth, _cout - column);
            float* weights = _layout.Weights.Pointer + (long)panel * _cin * panelWidth;
            bool whole = StoresWholeVectors(column, width, lanes), lowWhole = StoresWholeVectors(column, lanes, lanes);
            for (int pixel = first; pixel < end; pixel += Group)
            {
                float* a = input + (long)pixel * _cin;
                float* o = output + (long)pixel * _cout + column;
                float* s = TResidual.Adds ? shortcut + (long)pixel * _shortcutStride : null;
                if (width > lanes)
                {
                    if (whole)
                        SixByTwo<T, TResidual, TActivation, WholeChannelStore<T, TResidual, TActivation>, WholeChannelStore<T, TResidual, TActivation>>(a, o, s, weights, column, width);
                    else if (lowWhole)
                        SixByTwo<T, TResidual, TActivation, WholeChannelStore<T, TResidual, TActivation>, ChannelStore<T, TResidual, TActivation>>(a, o, s, weights, column, width);
                    else
                        SixByTwo<T, TResidual, TActivation, ChannelStore<T, TResidual, TActivation>, ChannelStore<T, TResidual, TActivation>>(a, o, s, weights, column, width);
                }
                else if (whole) SixByOne<T, TResidual, TActivation, WholeChannelStore<T, TResidual, TActivation>>(a, o, s, weights, column, width);
                else SixByOne<T, TResidual, TActivation, ChannelStore<T, TResidual, TActivation>>(a, o, s, weights, column, width);
            }
        }
    }

    /// <summary>
    /// Six pixels x two vectors, one chain per output vector (Conv2DKernel's TileSixByTwo order);
    /// the lower vector may store whole where the upper cannot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SixByTwo<T, TResidual, TActivation, TLow, TUpper>(float* a0, float* o, float* s, float* w, int column, int width)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
        where TLow : struct, IChannelStore<T, TLow> where TUpper : struct, IChannelStore<T, TUpper>
    {
        int cin = _cin, cout = _cout, rs = _shortcutStride, lanes = VectorOps.Count<T>();
        float* a1 = a0 + cin, a2 = a1 + cin, a3 = a2 + cin, a4 = a3 + cin, a5 = a4 + cin;
        T b0 = VectorOps.Load<T>(_layout.Bias.Pointer + column), b1 = VectorOps.Load<T>(_layout.Bias.Pointer + column + lanes);
        T c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1;
        T c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1;
        for (int k = 0; k < cin; k++, w += 2 * lanes)
        {
            T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
            T x = VectorOps.Broadcast<T>(a0[k]);
            c00 = VectorOps.MultiplyAdd(x, w0, c00); c01 = VectorOps.MultiplyAdd(x, w1, c01);
            x = VectorOps.Broadcast<T>(a1[k]);
            c10 = VectorOps.MultiplyAdd(x, w0, c10); c11 = VectorOps.MultiplyAdd(x, w1, c11);
            x = VectorOps.Broadcast<T>(a2[k]);
            c20 = VectorOps.MultiplyAdd(x, w0, c20); c21 = VectorOps.MultiplyAdd(x, w1, c21);
            x = VectorOps.Broadcast<T>(a3[k]);
            c30 = VectorOps.MultiplyAdd(x, w0, c30); c31 = VectorOps.MultiplyAdd(x, w1, c31);
            x = VectorOps.Broadcast<T>(a4[k]);
            c40 = VectorOps.MultiplyAdd(x, w0, c40); c41 = VectorOps.MultiplyAdd(x, w1, c41);
            x = VectorOps.Broadcast<T>(a5[k]);
            c50 = VectorOps.MultiplyAdd(x, w0, c50); c51 = VectorOps.MultiplyAdd(x, w1, c51);
        }
        int high = column + lanes;
        var low = TLow.At(_layout, column, lanes);
        var upper = TUpper.At(_layout, high, width - lanes);
        low.Store(o, s, c00); upper.Store(o + lanes, s, c01);
        low.Store(o + cout, s + rs, c10); upper.Store(o + cout + lanes, s + rs, c11);
        low.Store(o + 2 * cout, s + 2 * rs, c20); upper.Store(o + 2 * cout + lanes, s + 2 * rs, c21);
        low.Store(o + 3 * cout, s + 3 * rs, c30); upper.Store(o + 3 * cout + lanes, s + 3 * rs, c31);
        low.Store(o + 4 * cout, s + 4 * rs, c40); upper.Store(o + 4 * cout + lanes, s + 4 * rs, c41);
        low.Store(o + 5 * cout, s + 5 * rs, c50); upper.Store(o + 5 * cout + lanes, s + 5 * rs, c51);
    }

    /// <summary>Six pixels x one vector, even and odd input channels apart (Conv2DKernel's TileSixByOne order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SixByOne<T, TResidual, TActivation, TStore>(float* a0, float* o, float* s, float* w, int column, int width)
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
        where TStore : struct, IChannelStore<T, TStore>
    {
        int cin = _cin, cout = _cout, rs = _shortcutStride, lanes = VectorOps.Count<T>();
        float* a1 = a0 + cin, a2 = a1 + cin, a3 = a2 + cin, a4 = a3 + cin, a5 = a4 + cin;
        T b0 = VectorOps.Load<T>(_layout.Bias.Pointer + column), z = VectorOps.Zero<T>();
        T c0 = b0, c1 = b0, c2 = b0, c3 = b0, c4 = b0, c5 = b0;
        T d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z;
        int k = 0;
        for (; k + 1 < cin; k += 2, w += 2 * lanes)
        {
            T w0 = VectorOps.Load<T>(w), w1 = VectorOps.Load<T>(w + lanes);
            c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a0[k]), w0, c0);
            c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a1[k]), w0, c1);
            c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a2[k]), w0, c2);
            c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a3[k]), w0, c3);
            c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a4[k]), w0, c4);
            c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a5[k]), w0, c5);
            d0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a0[k + 1]), w1, d0);
            d1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a1[k + 1]), w1, d1);
            d2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a2[k + 1]), w1, d2);
            d3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a3[k + 1]), w1, d3);
            d4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a4[k + 1]), w1, d4);
            d5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a5[k + 1]), w1, d5);
        }
        if (k < cin)
        {
            T w0 = VectorOps.Load<T>(w);
            c0 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a0[k]), w0, c0);
            c1 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a1[k]), w0, c1);
            c2 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a2[k]), w0, c2);
            c3 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a3[k]), w0, c3);
            c4 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a4[k]), w0, c4);
            c5 = VectorOps.MultiplyAdd(VectorOps.Broadcast<T>(a5[k]), w0, c5);
        }
        var block = TStore.At(_layout, column, width);
        block.Store(o, s, VectorOps.Add(c0, d0));
        block.Store(o + cout, s + rs, VectorOps.Add(c1, d1));
        block.Store(o + 2 * cout, s + 2 * rs, VectorOps.Add(c2, d2));
        block.Store(o + 3 * cout, s + 3 * rs, VectorOps.Add(c3, d3));
        block.Store(o + 4 * cout, s + 4 * rs, VectorOps.Add(c4, d4));
        block.Store(o + 5 * cout, s + 5 * rs, VectorOps.Add(c5, d5));
    }

    /// <summary>
    /// How a tile's sums reach the output: plus the shortcut (when fused), then the activation,
    /// then the store of one pixel's vector of channels.
    /// </summary>
    private interface IChannelStore<T, TSelf> where T : struct where TSelf : struct, IChannelStore<T, TSelf>
    {
        static abstract TSelf At(in PointwiseLayout layout, int channel, int count);

        void Store(float* destination, float* shortcut, T value);
    }

    /// <summary>Any vector: the first <c>count</c> lanes are stored, and the shortcut may cover fewer.</summary>
    private readonly struct ChannelStore<T, TResidual, TActivation> : IChannelStore<T, ChannelStore<T, TResidual, TActivation>>
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        private readonly ConvResidual.Block _residual;
        private readonly ConvEpilogue.Block<T> _epilogue;
        private readonly int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ChannelStore(in PointwiseLayout layout, int channel, int count)
        {
            _residual = TResidual.Adds ? layout.Residual.At(channel, count) : default;
            _epilogue = layout.Epilogue.At<T>(channel);
            _count = count;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ChannelStore<T, TResidual, TActivation> At(in PointwiseLayout layout, int channel, int count) => new(layout, channel, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(float* destination, float* shortcut, T value)
        {
            if (TResidual.Adds) value = _residual.AddTo(value, shortcut);
            VectorOps.StoreFirst(destination, _epilogue.Finish<TActivation>(value), _count);
        }
    }

    /// <summary>
    /// A whole vector with, when fused, a whole vector of the shortcut (<see cref="StoresWholeVectors"/>):
    /// plain vector moves. The partial-vector moves, inlined at each of a tile's twelve stores, were
    /// a tree of branches about as long as the tile's multiply-adds at 16 inputs.
    /// </summary>
    private readonly struct WholeChannelStore<T, TResidual, TActivation> : IChannelStore<T, WholeChannelStore<T, TResidual, TActivation>>
        where T : struct where TResidual : struct, IResidualMode where TActivation : struct, IActivationMode
    {
        private readonly ConvResidual.Block _residual;
        private readonly ConvEpilogue.Block<T> _epilogue;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private WholeChannelStore(in PointwiseLayout layout, int channel, int count)
        {
            _residual = TResidual.Adds ? layout.Residual.At(channel, count) : default;
            _epilogue = layout.Epilogue.At<T>(channel);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static WholeChannelStore<T, TResidual, TActivation> At(in PointwiseLayout layout, int channel, int count) => new(layout, channel, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(float* destination, float* shortcut, T value)
        {
            if (TResidual.Adds) value = _residual.AddWholeTo(value, shortcut);
            VectorOps.Store(destination, _epilogue.Finish<TActivation>(value));
        }
    }

    /// <summary>
    /// Whether the panel at <paramref name="column"/>, <paramref name="width"/> outputs wide, stores
    /// whole vectors only, each with a whole vector of the shortcut when there is one.
    /// </summary>
    private bool StoresWholeVectors(int column, int width, int lanes) =>
        width % lanes == 0 && (!_layout.Residual.IsPresent || _layout.Residual.Channels >= column + width);
}
