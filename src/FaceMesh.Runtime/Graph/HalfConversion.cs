using System.Buffers.Binary;

namespace FaceMesh.Runtime.Graph;

/// <summary>IEEE binary16 to binary32, exact (every half value is representable as a float).</summary>
internal static class HalfConversion
{
    public static float[] ToSingles(ReadOnlySpan<byte> littleEndianHalves)
    {
        var result = new float[littleEndianHalves.Length / 2];
        for (int i = 0; i < result.Length; i++)
        {
            ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(littleEndianHalves.Slice(2 * i, 2));
            result[i] = (float)BitConverter.UInt16BitsToHalf(bits);
        }
        return result;
    }
}
