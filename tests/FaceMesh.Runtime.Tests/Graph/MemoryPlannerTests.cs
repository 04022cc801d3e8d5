using FaceMesh.Models;
using FaceMesh.Runtime.Graph;

namespace FaceMesh.Runtime.Tests.Graph;

public sealed class MemoryPlannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Buffers_alive_at_the_same_time_never_overlap(int seed)
    {
        var rng = new Random(seed);
        var buffers = Enumerable.Range(0, 200).Select(_ =>
        {
            int first = rng.Next(100);
            return new BufferLifetime(rng.Next(1, 5000), first, first + rng.Next(0, 15));
        }).ToArray();

        long[] offsets = MemoryPlanner.Plan(buffers, out long size);

        AssertNoLiveOverlap(buffers, offsets, size);
    }

    [Fact]
    public void Dead_buffers_are_reused()
    {
        BufferLifetime[] chain = Enumerable.Range(0, 10).Select(i => new BufferLifetime(1000, i, i + 1)).ToArray();

        MemoryPlanner.Plan(chain, out long size);

        Assert.True(size <= 2 * MemoryPlanner.RoundUp(1000), $"a chain needs two buffers, the plan used {size} floats");
    }

    [Theory]
    [InlineData(MediaPipeModel.FaceDetectionShortRange)]
    [InlineData(MediaPipeModel.FaceDetectionFullRange)]
    [InlineData(MediaPipeModel.FaceLandmark)]
    [InlineData(MediaPipeModel.FaceLandmarkWithAttention)]
    public void Real_model_plans_keep_live_tensors_apart(MediaPipeModel model)
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(model));
        var buffers = interpreter.Graph.Buffers;

        BufferLifetime[] lifetimes = buffers.Select(b => new BufferLifetime(b.Size, b.FirstStep, b.LastStep)).ToArray();
        AssertNoLiveOverlap(lifetimes, buffers.Select(b => b.Offset).ToArray(), interpreter.Graph.ArenaSize);
        long total = buffers.Sum(b => MemoryPlanner.RoundUp(b.Size));
        Assert.True(interpreter.Graph.ArenaSize < total / 2, $"arena {interpreter.Graph.ArenaSize} floats for {total} floats of tensors: no reuse?");
    }

    private static void AssertNoLiveOverlap(IReadOnlyList<BufferLifetime> buffers, long[] offsets, long arenaSize)
    {
        for (int i = 0; i < buffers.Count; i++)
        {
            Assert.Equal(0, offsets[i] % MemoryPlanner.AlignmentFloats);
            Assert.True(offsets[i] + buffers[i].Size <= arenaSize);
            for (int j = i + 1; j < buffers.Count; j++)
            {
                if (!buffers[i].OverlapsInTime(buffers[j])) continue;
                bool apart = offsets[i] + buffers[i].Size <= offsets[j] || offsets[j] + buffers[j].Size <= offsets[i];
                Assert.True(apart, $"buffers {i} and {j} are alive together and overlap in memory");
            }
        }
    }
}
