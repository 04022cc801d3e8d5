using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FaceMesh.Media.Tests;

/// <summary>Hand-assembled PNGs, for the chunk layouts and tRNS cases ffmpeg's encoder never writes.</summary>
internal static class SyntheticPng
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="samples">Unfiltered rows, width * samples per pixel bytes each, back to back.</param>
    /// <param name="filterType">Every row's filter byte; the samples are stored as they are (0 is None).</param>
    /// <param name="idatPieceBytes">Splits the zlib stream over IDAT chunks of this size, plus one empty chunk.</param>
    public static byte[] Build(int width, int height, byte colorType, byte[] samples, byte[][] chunksBeforeIdat, int idatPieceBytes = int.MaxValue,
        byte filterType = 0)
    {
        int rowBytes = samples.Length / height;
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(filterType);
                zlib.Write(samples, y * rowBytes, rowBytes);
            }
        }
        byte[] compressed = raw.ToArray();
        byte[] ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = colorType;
        var file = new List<byte>(Signature.ToArray());
        file.AddRange(Chunk("IHDR", ihdr));
        foreach (byte[] chunk in chunksBeforeIdat) file.AddRange(chunk);
        for (int offset = 0; offset < compressed.Length; offset += idatPieceBytes)
        {
            file.AddRange(Chunk("IDAT", compressed.AsSpan(offset, Math.Min(idatPieceBytes, compressed.Length - offset)).ToArray()));
            if (offset == 0 && idatPieceBytes < compressed.Length) file.AddRange(Chunk("IDAT", []));
        }
        file.AddRange(Chunk("IEND", []));
        return [.. file];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        byte[] chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
