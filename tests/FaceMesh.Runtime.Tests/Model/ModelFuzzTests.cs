using System.Runtime.InteropServices;
using FaceMesh.Models;
using FaceMesh.Runtime.Model;
using Xunit.Abstractions;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>
/// Corrupted versions of the real models (deterministic seeds): byte flips, truncations and garbage.
/// The reader must only ever succeed or throw ModelFormatException / UnsupportedModelException.
/// Flips favour the flatbuffer structure over the weight data, where a flip could never matter.
/// </summary>
public sealed class ModelFuzzTests(ITestOutputHelper output)
{
    private const int SingleFlips = 1500;
    private const int MultiFlipRounds = 800;

    [Theory]
    [MemberData(nameof(ModelFiles.All), MemberType = typeof(ModelFiles))]
    public void Single_byte_flips_are_read_or_rejected_cleanly(MediaPipeModel file)
    {
        byte[] bytes = ModelFiles.Bytes(file);
        int[] structure = StructureBytes(bytes);
        var random = new Random(1000 + (int)file);
        var check = NewCheck(bytes);

        for (int i = 0; i < SingleFlips; i++)
        {
            int at = PickPosition(random, structure, bytes.Length);
            byte original = bytes[at];
            bytes[at] ^= (byte)random.Next(1, 256);
            check.Run(() => ModelInvariants.Check(TfLiteModelReader.Read(bytes)), () => $"{file} flip {i}: byte {at} {original:x2} -> {bytes[at]:x2}");
            bytes[at] = original;
        }

        output.WriteLine($"{file}: {SingleFlips} single flips, {check.Accepted} still valid, {check.Rejected} rejected");
    }

    [Theory]
    [MemberData(nameof(ModelFiles.All), MemberType = typeof(ModelFiles))]
    public void Multiple_byte_flips_are_read_or_rejected_cleanly(MediaPipeModel file)
    {
        byte[] original = ModelFiles.Bytes(file);
        byte[] bytes = (byte[])original.Clone();
        int[] structure = StructureBytes(bytes);
        var random = new Random(2000 + (int)file);
        var check = NewCheck(bytes);

        for (int round = 0; round < MultiFlipRounds; round++)
        {
            int[] positions = Enumerable.Range(0, random.Next(2, 17)).Select(_ => PickPosition(random, structure, bytes.Length)).ToArray();
            foreach (int at in positions)
            {
                bytes[at] = (byte)random.Next(256);
            }

            check.Run(() => ModelInvariants.Check(TfLiteModelReader.Read(bytes)), () => $"{file} round {round}: bytes {string.Join(",", positions)}");
            foreach (int at in positions)
            {
                bytes[at] = original[at];
            }
        }

        output.WriteLine($"{file}: {MultiFlipRounds} multi-flip rounds, {check.Accepted} still valid, {check.Rejected} rejected");
    }

    [Theory]
    [MemberData(nameof(ModelFiles.All), MemberType = typeof(ModelFiles))]
    public void Truncations_at_every_64th_of_the_length_are_rejected(MediaPipeModel file)
    {
        byte[] bytes = ModelFiles.Bytes(file);
        var check = NewCheck(bytes);

        for (int k = 0; k < 64; k++)
        {
            int length = (int)((long)bytes.Length * k / 64);
            check.Run(() => TfLiteModelReader.Read(bytes.AsMemory(0, length)), () => $"{file} truncated to {length} bytes");
        }

        // The root table sits near the start, so a truncated model can only fail.
        Assert.Equal(0, check.Accepted);
    }

    [Fact]
    public void Random_garbage_of_many_sizes_is_rejected_cleanly()
    {
        var random = new Random(3000);
        var check = new FuzzCheck(allocationLimit: 1 << 20);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (bytes.Length >= 8 && i % 2 == 0)
            {
                // Half the inputs pass the identifier check so that the flatbuffer walk itself is exercised.
                "TFL3"u8.CopyTo(bytes.AsSpan(4));
                bytes[0] = (byte)random.Next(8, Math.Min(bytes.Length, 256));
                bytes[1] = bytes[2] = bytes[3] = 0;
            }

            check.Run(() => TfLiteModelReader.Read(bytes), () => $"garbage {i} ({bytes.Length} bytes): {Convert.ToHexString(bytes.AsSpan(0, Math.Min(64, bytes.Length)))}");
        }

        output.WriteLine($"garbage: 3000 inputs, {check.Accepted} accepted, {check.Rejected} rejected");
    }

    /// <summary>A parse may allocate in proportion to the file, plus a fixed allowance; never more.</summary>
    private static FuzzCheck NewCheck(byte[] bytes) => new(allocationLimit: (16L * bytes.Length) + (8 << 20));

    /// <summary>Nine flips in ten land on structure (outside weight data), the rest anywhere.</summary>
    private static int PickPosition(Random random, int[] structure, int length) =>
        random.Next(10) < 9 ? structure[random.Next(structure.Length)] : random.Next(length);

    /// <summary>Positions of the bytes that are not constant-tensor data.</summary>
    private static int[] StructureBytes(byte[] bytes)
    {
        TfLiteModel model = TfLiteModelReader.Read(bytes);
        var isData = new bool[bytes.Length];
        foreach (ReadOnlyMemory<byte> buffer in model.Buffers)
        {
            if (MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment))
            {
                Array.Fill(isData, true, segment.Offset, segment.Count);
            }
        }

        return Enumerable.Range(0, bytes.Length).Where(i => !isData[i]).ToArray();
    }
}
