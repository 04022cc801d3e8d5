namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Where <see cref="PlaneStrokes"/> draws: one 8-bit plane (Y), or two of the same size drawn with
/// the same coverage (U and V), each with the value the stroke's colour has in that plane.
/// </summary>
internal readonly ref struct PlaneTarget
{
    public PlaneTarget(Span<byte> first, byte firstValue, Span<byte> second, byte secondValue, int width, int height)
    {
        if (first.Length < width * height || (!second.IsEmpty && second.Length < width * height))
            throw new ArgumentException($"A plane is smaller than {width}x{height}.");
        First = first;
        FirstValue = firstValue;
        Second = second;
        SecondValue = secondValue;
        Width = width;
        Height = height;
        _hasSecond = !second.IsEmpty;
    }

    private readonly bool _hasSecond;

    public Span<byte> First { get; }
    public byte FirstValue { get; }
    /// <summary>Empty when only one plane is drawn on.</summary>
    public Span<byte> Second { get; }
    public byte SecondValue { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Mixes the stroke's values into pixel <paramref name="index"/> by <paramref name="weight"/> (1..256 = 0..1).</summary>
    public void Blend(int index, int weight)
    {
        ref byte first = ref First[index];
        first = (byte)(first + (((FirstValue - first) * weight + 128) >> 8));
        if (_hasSecond)
        {
            ref byte second = ref Second[index];
            second = (byte)(second + (((SecondValue - second) * weight + 128) >> 8));
        }
    }
}
