using FaceMesh.Runtime.FlexBuffers;
using FaceMesh.Runtime.Tests.ModelReading;
using Xunit.Abstractions;

namespace FaceMesh.Runtime.Tests.FlexBuffersReading;

/// <summary>
/// Corrupted custom-option blobs (deterministic seeds). Parsing and every getter on every key must
/// only succeed or throw ModelFormatException, quickly and without large allocations.
/// </summary>
public sealed class FlexMapFuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Blobs => new(["bilinear", "lips", "left_eye"]);

    private static byte[] Blob(string name) => name switch
    {
        "bilinear" => FlexBufferSamples.TransformTensorBilinear,
        "lips" => FlexBufferSamples.LipsLandmarks2TransformMatrix,
        _ => FlexBufferSamples.LeftEyeLandmarks2TransformMatrix,
    };

    private static void ParseAndReadEverything(ReadOnlyMemory<byte> bytes)
    {
        FlexMap map = FlexMap.Parse(bytes);
        foreach (string key in map.Keys)
        {
            _ = map.ContainsKey(key);
            TryEach(() => map.GetInt32(key), () => map.GetSingle(key), () => map.GetString(key), () => map.GetInt32Vector(key));
        }
    }

    /// <summary>Every getter is tried even when an earlier one refuses the value's type.</summary>
    private static void TryEach(params Func<object>[] getters)
    {
        foreach (Func<object> get in getters)
        {
            try
            {
                _ = get();
            }
            catch (FaceMesh.Runtime.Model.ModelFormatException)
            {
            }
        }
    }

    [Theory]
    [MemberData(nameof(Blobs))]
    public void Every_single_bit_flip_is_read_or_rejected_cleanly(string name)
    {
        byte[] bytes = Blob(name);
        var check = new FuzzCheck(allocationLimit: 1 << 20);
        for (int at = 0; at < bytes.Length; at++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                bytes[at] ^= (byte)(1 << bit);
                check.Run(() => ParseAndReadEverything(bytes), () => $"{name}: byte {at} bit {bit}");
                bytes[at] ^= (byte)(1 << bit);
            }
        }

        output.WriteLine($"{name}: {bytes.Length * 8} bit flips, {check.Accepted} parsed, {check.Rejected} rejected");
    }

    [Theory]
    [MemberData(nameof(Blobs))]
    public void Random_multi_byte_corruption_is_read_or_rejected_cleanly(string name)
    {
        byte[] original = Blob(name);
        var random = new Random(4000 + name.Length);
        var check = new FuzzCheck(allocationLimit: 1 << 20);
        for (int round = 0; round < 3000; round++)
        {
            byte[] bytes = (byte[])original.Clone();
            int flips = random.Next(1, 9);
            for (int f = 0; f < flips; f++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            check.Run(() => ParseAndReadEverything(bytes), () => $"{name} round {round}: {Convert.ToHexString(bytes)}");
        }

        output.WriteLine($"{name}: 3000 corrupted copies, {check.Accepted} parsed, {check.Rejected} rejected");
    }

    [Theory]
    [MemberData(nameof(Blobs))]
    public void Every_truncation_from_either_end_is_read_or_rejected_cleanly(string name)
    {
        byte[] bytes = Blob(name);
        var check = new FuzzCheck(allocationLimit: 1 << 20);
        for (int length = 0; length < bytes.Length; length++)
        {
            check.Run(() => ParseAndReadEverything(bytes.AsMemory(0, length)), () => $"{name}: first {length} bytes");
            check.Run(() => ParseAndReadEverything(bytes.AsMemory(bytes.Length - length)), () => $"{name}: last {length} bytes");
        }
    }

    [Fact]
    public void Random_garbage_is_read_or_rejected_cleanly()
    {
        var random = new Random(5000);
        var check = new FuzzCheck(allocationLimit: 1 << 20);
        for (int i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (bytes.Length >= 3 && i % 2 == 0)
            {
                // Half the inputs end like a map root so that the map walk itself is exercised.
                bytes[^1] = (byte)(1 << random.Next(4));
                bytes[^2] = (byte)((9 << 2) | random.Next(4));
            }

            check.Run(() => ParseAndReadEverything(bytes), () => $"garbage {i}: {Convert.ToHexString(bytes)}");
        }

        output.WriteLine($"garbage: 5000 inputs, {check.Accepted} parsed, {check.Rejected} rejected");
    }
}
