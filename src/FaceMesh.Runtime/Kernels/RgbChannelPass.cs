namespace FaceMesh.Runtime.Kernels;

/// <summary>Which vector types an <see cref="RgbChannelPass"/> accumulates its channel groups in.</summary>
internal enum RgbPassKind
{
    /// <summary>One group of up to one 512-bit vector.</summary>
    One512,
    /// <summary>One group of up to eight channels, or the only group on the 256-bit path.</summary>
    One256,
    /// <summary>Two 512-bit groups.</summary>
    Two512,
    /// <summary>A full 512-bit group and up to eight more channels in a 256-bit one (24 outputs: no lane wasted).</summary>
    Two512And256,
    /// <summary>Two 256-bit groups.</summary>
    Two256,
    /// <summary>Three 256-bit groups: 24 outputs on AVX2.</summary>
    Three256,
}

/// <summary>
/// A block of output channels that <see cref="RgbConv2DKernel"/> computes in one sweep over a row:
/// one or two vector groups per pixel. The blocks mirror the general convolution's panels (two
/// vectors of the widest type), and so does the summation order: two-group blocks add every tap
/// in turn, one-group blocks add even and odd taps of each filter row in separate chains, so both
/// kernels round alike. The exception is 24 outputs on AVX2 (the short-range detector's first
/// layer): one three-group block, every tap in turn, so each input value is broadcast once for all
/// 24 rather than once per block (that layer 0.490 -> 0.432 ms on an AMD EPYC).
/// </summary>
internal readonly record struct RgbChannelPass(RgbPassKind Kind, int Column, int FirstWidth, int FirstCount, int SecondWidth, int SecondCount,
    int WeightOffset, int BiasOffset)
{
    public bool HasTwoGroups => SecondWidth > 0;

    /// <summary>Packed floats per tap: both groups' widths.</summary>
    public int Stride => FirstWidth + SecondWidth;

    /// <summary>Splits <paramref name="outChannels"/> into blocks for the vector path <paramref name="isa"/>.</summary>
    public static RgbChannelPass[] Plan(int outChannels, int depth, VectorIsa isa)
    {
        int lanes = SimdSupport.Lanes(isa);
        var passes = new List<RgbChannelPass>();
        int weights = 0, bias = 0;
        for (int column = 0; column < outChannels;)
        {
            int remaining = outChannels - column;
            RgbChannelPass pass;
            if (isa == VectorIsa.Vector256 && remaining == 3 * lanes)
            {
                // Packed as a 16-wide and an 8-wide group, which is how the weights lie for three vectors too.
                passes.Add(new RgbChannelPass(RgbPassKind.Three256, column, 2 * lanes, 2 * lanes, lanes, lanes, weights, bias));
                break;
            }
            if (remaining > lanes)
            {
                int second = Math.Min(lanes, remaining - lanes);
                bool half = isa == VectorIsa.Vector512 && second <= 8;
                RgbPassKind kind = isa == VectorIsa.Vector256 ? RgbPassKind.Two256 : half ? RgbPassKind.Two512And256 : RgbPassKind.Two512;
                pass = new RgbChannelPass(kind, column, lanes, lanes, half ? 8 : lanes, second, weights, bias);
            }
            else
            {
                bool half = remaining <= 8;
                pass = new RgbChannelPass(half ? RgbPassKind.One256 : RgbPassKind.One512, column, half ? 8 : lanes, remaining, 0, 0, weights, bias);
            }
            passes.Add(pass);
            weights += depth * pass.Stride;
            bias += pass.Stride;
            column += pass.FirstCount + pass.SecondCount;
        }
        return passes.ToArray();
    }

    /// <summary>Packed size of all blocks' weights ([block][tap][group widths]) and biases.</summary>
    public static (int Weights, int Bias) Sizes(RgbChannelPass[] passes, int depth)
    {
        RgbChannelPass last = passes[^1];
        return (last.WeightOffset + depth * last.Stride, last.BiasOffset + last.Stride);
    }

    public void Pack(float[] filter, float[]? bias, int depth, Span<float> weights, Span<float> biases)
    {
        for (int k = 0; k < depth; k++)
        {
            Span<float> row = weights.Slice(WeightOffset + k * Stride, Stride);
            for (int j = 0; j < FirstCount; j++) row[j] = filter[(long)(Column + j) * depth + k];
            for (int j = 0; j < SecondCount; j++) row[FirstWidth + j] = filter[(long)(Column + FirstWidth + j) * depth + k];
        }
        if (bias is null) return;
        for (int j = 0; j < FirstCount; j++) biases[BiasOffset + j] = bias[Column + j];
        for (int j = 0; j < SecondCount; j++) biases[BiasOffset + FirstWidth + j] = bias[Column + FirstWidth + j];
    }
}
