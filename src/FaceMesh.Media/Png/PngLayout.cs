using System.Buffers.Binary;

namespace FaceMesh.Media.Png;

/// <summary>
/// Where a well-formed PNG keeps what decoding needs: IHDR, PLTE and tRNS, and the run of IDAT
/// chunks. Anything the in-process decoder does not reproduce exactly as ffmpeg would (a chunk cut
/// short, IDAT chunks split by others, APNG, an unknown critical chunk, bytes after IEND, a tRNS
/// ffmpeg would mask or reject) yields null, and the file goes to ffmpeg, which then decides what
/// is damage and what the pixels are. CRCs are not checked, as ffmpeg does not check them.
/// </summary>
/// <param name="Palette">The PLTE chunk's data, or empty.</param>
/// <param name="Transparency">The tRNS chunk's data, or empty.</param>
/// <param name="FirstIdat">Offset of the first IDAT chunk (its length field).</param>
/// <param name="IdatBytes">The zlib stream's length, summed over the IDAT run.</param>
internal readonly record struct PngLayout(PngImageHeader Header, Range Palette, Range Transparency, int FirstIdat, long IdatBytes)
{
    private const int SignatureLength = 8;
    private const int ChunkOverhead = 12; // length, type, CRC
    private const int MaxPaletteEntries = 256;

    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The signature and the IHDR chunk, the bytes that say whether reading further is worth it.</summary>
    public const int HeaderLength = SignatureLength + ChunkOverhead + PngImageHeader.Length;

    /// <summary>Whether the first <see cref="HeaderLength"/> bytes declare an image this decoder handles.</summary>
    public static bool HasSupportedHeader(ReadOnlySpan<byte> start) =>
        start.StartsWith(Signature)
        && TryChunk(start, SignatureLength, out ReadOnlySpan<byte> type, out int data, out int length) && type.SequenceEqual("IHDR"u8)
        && PngImageHeader.TryParse(start.Slice(data, length)) is { IsSupported: true };

    public static PngLayout? TryRead(ReadOnlySpan<byte> file)
    {
        if (!file.StartsWith(Signature)) return null;
        int position = SignatureLength;
        if (!TryChunk(file, position, out ReadOnlySpan<byte> type, out int start, out int length) || !type.SequenceEqual("IHDR"u8)) return null;
        if (PngImageHeader.TryParse(file.Slice(start, length)) is not { IsSupported: true } header) return null;
        position = start + length + 4;
        Range palette = default, transparency = default;
        int firstIdat = -1;
        long idatBytes = 0;
        bool idatRunEnded = false;
        while (TryChunk(file, position, out type, out start, out length))
        {
            int next = start + length + 4;
            if (type.SequenceEqual("IDAT"u8))
            {
                if (idatRunEnded) return null;
                if (firstIdat < 0) firstIdat = position;
                idatBytes += length;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                bool complete = firstIdat >= 0 && length == 0 && next == file.Length
                    && (header.ColorType != PngColorType.Palette || !IsEmpty(palette));
                return complete ? new PngLayout(header, palette, transparency, firstIdat, idatBytes) : null;
            }
            else
            {
                if (firstIdat >= 0) idatRunEnded = true;
                if (type.SequenceEqual("PLTE"u8))
                {
                    if (firstIdat >= 0 || !IsEmpty(palette) || !IsPaletteAllowed(header.ColorType, length)) return null;
                    palette = start..(start + length);
                }
                else if (type.SequenceEqual("tRNS"u8))
                {
                    if (firstIdat >= 0 || !IsEmpty(transparency)) return null;
                    transparency = start..(start + length);
                    if (!IsTransparencyExact(header.ColorType, file[transparency], file[palette].Length / 3)) return null;
                }
                else if (IsCritical(type) || IsAnimation(type) || type.SequenceEqual("IHDR"u8))
                {
                    return null;
                }
            }
            position = next;
        }
        return null;
    }

    private static bool TryChunk(ReadOnlySpan<byte> file, int position, out ReadOnlySpan<byte> type, out int start, out int length)
    {
        type = default;
        start = position + 8;
        length = 0;
        if ((long)position + ChunkOverhead > file.Length) return false;
        uint declared = BinaryPrimitives.ReadUInt32BigEndian(file[position..]);
        if (declared > (uint)(file.Length - position - ChunkOverhead)) return false;
        type = file.Slice(position + 4, 4);
        length = (int)declared;
        return true;
    }

    private static bool IsEmpty(Range range) => range.Start.Value == range.End.Value;

    /// <summary>Greyscale images may not carry a palette; for RGB ones it is only a suggestion, which decoding ignores.</summary>
    private static bool IsPaletteAllowed(PngColorType colorType, int length) =>
        colorType is PngColorType.Palette or PngColorType.Rgb or PngColorType.Rgba
        && length > 0 && length % 3 == 0 && length <= MaxPaletteEntries * 3;

    /// <summary>
    /// A tRNS whose meaning is plain: after PLTE and no longer than it for a palette, one 8-bit
    /// grey or RGB key (ffmpeg keeps only the low 8 bits of a larger sample, so those go to it).
    /// </summary>
    private static bool IsTransparencyExact(PngColorType colorType, ReadOnlySpan<byte> data, int paletteEntries) => colorType switch
    {
        PngColorType.Palette => paletteEntries > 0 && data.Length <= paletteEntries,
        PngColorType.Gray => data.Length == 2 && data[0] == 0,
        PngColorType.Rgb => data.Length == 6 && data[0] == 0 && data[2] == 0 && data[4] == 0,
        _ => false,
    };

    /// <summary>The case bit of the type's first letter: clear means a decoder must understand the chunk.</summary>
    private static bool IsCritical(ReadOnlySpan<byte> type) => (type[0] & 0x20) == 0;

    /// <summary>APNG's chunks: such a file is an animation, whose first frame is ffmpeg's business.</summary>
    private static bool IsAnimation(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("acTL"u8) || type.SequenceEqual("fcTL"u8) || type.SequenceEqual("fdAT"u8);
}
