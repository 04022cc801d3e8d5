using System.Runtime.CompilerServices;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// The shortcut of a residual block that a convolution adds to its own output (a fused ADD),
/// read per output pixel from a tensor with <see cref="Channels"/> floats per pixel. When the
/// shortcut had a zero channel PAD in front of the ADD, that tensor is the PAD's input: channels
/// at and past <see cref="Channels"/> get +0, as they would from the PAD's zeros.
/// </summary>
internal readonly unsafe struct ConvResidual
{
    public ConvResidual(int tensor, int channels)
    {
        Tensor = tensor;
        Channels = channels;
        IsPresent = true;
    }

    /// <summary>False for <c>default</c>: the convolution adds nothing.</summary>
    public bool IsPresent { get; }

    public int Tensor { get; }

    /// <summary>Floats per pixel in the shortcut tensor, at most the convolution's output channels.</summary>
    public int Channels { get; }

    /// <summary>The shortcut for the <paramref name="count"/> channels from <paramref name="channel"/> on, worked out once for all pixels of a tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Block At(int channel, int count) => new(channel, Math.Max(0, Math.Min(count, Channels - channel)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float AddTo(float value, float* row, int channel) => value + (channel < Channels ? row[channel] : 0f);

    public readonly struct Block
    {
        private readonly int _channel;
        private readonly int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal Block(int channel, int count)
        {
            _channel = channel;
            _count = count;
        }

        /// <summary>
        /// <paramref name="value"/> plus the shortcut of the pixel whose shortcut row is
        /// <paramref name="row"/>. Padded channels add a +0 rather than nothing, so a -0 sum
        /// turns into +0 exactly as it does when the PAD and ADD run unfused.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T AddTo<T>(T value, float* row) where T : struct
        {
            // With no lanes selected the masked load reads nothing and yields zeros.
            return VectorOps.Add(value, VectorOps.LoadFirst<T>(row + _channel, _count));
        }

        /// <summary><see cref="AddTo{T}"/> for a block known to have a whole vector of the shortcut: a plain load.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T AddWholeTo<T>(T value, float* row) where T : struct => VectorOps.Add(value, VectorOps.Load<T>(row + _channel));
    }

    /// <summary>Suffix for profiles: " +residual", or " +residual(16 of 32 ch)" when channel padding was fused too.</summary>
    public string Describe(int outChannels) =>
        !IsPresent ? "" : Channels == outChannels ? " +residual" : $" +residual({Channels} of {outChannels} ch)";
}

/// <summary>
/// Whether a convolution instantiation adds a shortcut. A type argument rather than a flag, so
/// the JIT compiles convolutions without one exactly as if fusion did not exist.
/// </summary>
internal interface IResidualMode
{
    static abstract bool Adds { get; }
}

internal readonly struct NoResidual : IResidualMode
{
    public static bool Adds => false;
}

internal readonly struct WithResidual : IResidualMode
{
    public static bool Adds => true;
}
