namespace FaceMesh.Runtime.Graph;

/// <summary>A buffer to place: its size in floats and the inclusive range of steps during which it must hold its value.</summary>
internal readonly record struct BufferLifetime(long Size, int FirstStep, int LastStep)
{
    public bool OverlapsInTime(BufferLifetime other) => FirstStep <= other.LastStep && other.FirstStep <= LastStep;
}

/// <summary>
/// Places buffers in one arena so that buffers alive at the same time never overlap, reusing
/// memory of dead ones. Greedy by decreasing size, each into the smallest gap that fits among the
/// buffers already placed whose lifetimes intersect it: simple and close to optimal for the
/// chain-like graphs of these models.
/// </summary>
internal static class MemoryPlanner
{
    /// <summary>Offsets are multiples of this many floats (64 bytes: one cache line, one Vector512).</summary>
    public const int AlignmentFloats = 16;

    public static long[] Plan(IReadOnlyList<BufferLifetime> buffers, out long arenaSize)
    {
        var offsets = new long[buffers.Count];
        var order = Enumerable.Range(0, buffers.Count)
            .OrderByDescending(i => buffers[i].Size)
            .ThenBy(i => buffers[i].FirstStep)
            .ToArray();
        var placed = new List<int>(buffers.Count);
        var conflicts = new List<(long Start, long End)>();
        arenaSize = 0;

        foreach (int index in order)
        {
            BufferLifetime buffer = buffers[index];
            long size = RoundUp(buffer.Size);
            conflicts.Clear();
            foreach (int other in placed)
            {
                if (buffers[other].OverlapsInTime(buffer))
                    conflicts.Add((offsets[other], offsets[other] + RoundUp(buffers[other].Size)));
            }
            conflicts.Sort((a, b) => a.Start.CompareTo(b.Start));

            long best = -1, bestGap = long.MaxValue, cursor = 0;
            foreach (var (start, end) in conflicts)
            {
                long gap = start - cursor;
                if (gap >= size && gap < bestGap)
                {
                    best = cursor;
                    bestGap = gap;
                }
                cursor = Math.Max(cursor, end);
            }
            offsets[index] = best >= 0 ? best : cursor;
            arenaSize = Math.Max(arenaSize, offsets[index] + size);
            placed.Add(index);
        }
        return offsets;
    }

    public static long RoundUp(long floats) => Math.Max(AlignmentFloats, (floats + AlignmentFloats - 1) / AlignmentFloats * AlignmentFloats);
}
