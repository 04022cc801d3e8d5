using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// Mixes a colour into pixels of any of our formats by a coverage weight (0..1), in sRGB space
/// like common drawing libraries, so drawn colours match what the caller asked for. Alpha
/// channels are left untouched.
/// </summary>
internal readonly struct PixelBlender
{
    private readonly int _bytesPerPixel, _r, _g, _b;
    private readonly Rgb _color;

    public PixelBlender(PixelFormat format, Rgb color)
    {
        _bytesPerPixel = format.BytesPerPixel();
        (_r, _g, _b) = format.ChannelOffsets();
        _color = color;
    }

    public void Blend(Span<byte> row, int x, float weight)
    {
        if (!(weight > 0)) return;
        int i = x * _bytesPerPixel;
        if (weight >= 1)
        {
            row[i + _r] = _color.R;
            row[i + _g] = _color.G;
            row[i + _b] = _color.B;
            return;
        }
        row[i + _r] = Mix(row[i + _r], _color.R, weight);
        row[i + _g] = Mix(row[i + _g], _color.G, weight);
        row[i + _b] = Mix(row[i + _b], _color.B, weight);
    }

    private static byte Mix(byte from, byte to, float weight) => (byte)(from + (to - from) * weight + 0.5f);
}
