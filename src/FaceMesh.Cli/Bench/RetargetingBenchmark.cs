using System.Diagnostics;
using System.Numerics;
using FaceMesh.Puppeteering;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Times the per-frame cost of puppeteering one face: the Laplacian retargeting of a tracked
/// metric mesh onto the canonical avatar (after its one-off factorisation), and its allocation.
/// The tracked meshes are the canonical face with a jaw movement that changes every frame.
/// </summary>
internal static class RetargetingBenchmark
{
    public sealed record Result(Stats PerFrame, double AllocatedBytesPerFrame, int Bandwidth, int FactorEntries);

    // A single retargeting is tens of microseconds: time batches so the clock's resolution does not matter.
    private const int Batch = 20;

    public static Result Run(int samples)
    {
        var puppet = new FacePuppet(neutralFrames: 1);
        ReadOnlySpan<Vector3> rest = AvatarMesh.Canonical.Positions;
        var frames = new Vector3[8][];
        for (int f = 0; f < frames.Length; f++)
        {
            frames[f] = rest.ToArray();
            for (int i = 0; i < rest.Length; i++)
                if (rest[i].Y < rest[14].Y) frames[f][i].Y -= 0.15f * f;
        }
        Matrix4x4 pose = Matrix4x4.CreateTranslation(0, 0, -40);
        for (int i = 0; i < 200; i++) puppet.Update(frames[i % frames.Length], pose);

        var perFrame = new double[samples];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < samples; s++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int b = 0; b < Batch; b++) puppet.Update(frames[(s + b) % frames.Length], pose);
            perFrame[s] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / Batch;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new Result(Stats.Of(perFrame), (double)allocated / (samples * Batch), puppet.Retargeter.Bandwidth, puppet.Retargeter.FactorEntries);
    }
}
