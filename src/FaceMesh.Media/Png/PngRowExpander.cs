namespace FaceMesh.Media.Png;

/// <summary>
/// Turns one unfiltered 8-bit PNG row into RGB or RGBA bytes exactly as ffmpeg's decoder followed
/// by its conversion to rgb24 / rgba does: grey is copied to all three channels; alpha is kept for
/// RGBA and dropped (not composited) for RGB; a palette entry's alpha comes from tRNS (opaque
/// without one); a grey or RGB tRNS key makes exactly the matching pixels transparent.
/// </summary>
internal readonly ref struct PngRowExpander
{
    private const int KeyNone = -1;
    private readonly PngColorType _colorType;
    private readonly ReadOnlySpan<byte> _paletteRgba;
    private readonly int _paletteEntries;
    private readonly int _keyGray, _keyRed, _keyGreen, _keyBlue;

    /// <param name="paletteRgba">256 RGBA entries to fill from PLTE and tRNS (palette images only).</param>
    public PngRowExpander(PngColorType colorType, ReadOnlySpan<byte> palette, ReadOnlySpan<byte> transparency, Span<byte> paletteRgba)
    {
        _colorType = colorType;
        _keyGray = _keyRed = _keyGreen = _keyBlue = KeyNone;
        _paletteEntries = palette.Length / 3;
        if (colorType == PngColorType.Palette)
        {
            for (int i = 0; i < _paletteEntries; i++)
            {
                palette.Slice(i * 3, 3).CopyTo(paletteRgba[(i * 4)..]);
                paletteRgba[i * 4 + 3] = i < transparency.Length ? transparency[i] : (byte)255;
            }
        }
        else if (transparency.Length == 2)
        {
            _keyGray = transparency[1];
        }
        else if (transparency.Length == 6)
        {
            (_keyRed, _keyGreen, _keyBlue) = (transparency[1], transparency[3], transparency[5]);
        }
        _paletteRgba = paletteRgba;
    }

    /// <param name="target">Width * 3 (RGB) or width * 4 (RGBA) bytes.</param>
    /// <returns>False when a palette index lies past the palette (ffmpeg's business, not ours).</returns>
    public bool TryExpand(ReadOnlySpan<byte> row, Span<byte> target, bool alpha)
    {
        int outBpp = alpha ? 4 : 3;
        int width = target.Length / outBpp;
        switch (_colorType)
        {
            case PngColorType.Rgb when !alpha:
                row[..target.Length].CopyTo(target);
                return true;
            case PngColorType.Rgba when alpha:
                row[..target.Length].CopyTo(target);
                return true;
            case PngColorType.Rgb:
                for (int x = 0; x < width; x++)
                {
                    byte r = row[x * 3], g = row[x * 3 + 1], b = row[x * 3 + 2];
                    target[x * 4] = r;
                    target[x * 4 + 1] = g;
                    target[x * 4 + 2] = b;
                    target[x * 4 + 3] = r == _keyRed && g == _keyGreen && b == _keyBlue ? (byte)0 : (byte)255;
                }
                return true;
            case PngColorType.Rgba:
                for (int x = 0; x < width; x++)
                {
                    target[x * 3] = row[x * 4];
                    target[x * 3 + 1] = row[x * 4 + 1];
                    target[x * 3 + 2] = row[x * 4 + 2];
                }
                return true;
            case PngColorType.Gray:
            case PngColorType.GrayAlpha:
                int inBpp = _colorType == PngColorType.Gray ? 1 : 2;
                for (int x = 0; x < width; x++)
                {
                    byte v = row[x * inBpp];
                    int o = x * outBpp;
                    target[o] = target[o + 1] = target[o + 2] = v;
                    if (alpha) target[o + 3] = inBpp == 2 ? row[x * 2 + 1] : v == _keyGray ? (byte)0 : (byte)255;
                }
                return true;
            default:
                for (int x = 0; x < width; x++)
                {
                    int index = row[x];
                    if (index >= _paletteEntries) return false;
                    _paletteRgba.Slice(index * 4, outBpp).CopyTo(target[(x * outBpp)..]);
                }
                return true;
        }
    }
}
