using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Decides, at compile time, how the steps use several threads: a large step with nothing
/// independent beside it is split across all threads (intra-op); independent steps, such as the
/// attention model's lips and eye branches, run side by side on different threads (inter-op).
/// A step is split only when it is large and the work independent of it (neither before nor
/// after it in the dependency graph) could not keep the other threads busy instead. A list
/// schedule over estimated step times then places the other steps, in model order, on the lane
/// where they start first, counting a cross-thread hand-over when an input comes from another lane.
/// Results do not depend on the schedule: every step computes the same values on any thread.
/// </summary>
internal static class StageScheduler
{
    // Times in convolution-equivalent operations (Kernel.ScheduleCost); about 60-100 per ns here.
    private const long StepOverhead = 3_000;
    private const long CrossLaneHandOver = 100_000;
    private const long WideSynchronisation = 100_000;
    private const long LaneStageSynchronisation = 60_000;

    /// <summary>Below this a step is never split: waking the other threads would cost more than it saves.</summary>
    public const long MinimumWideCost = 250_000;

    public static ExecutionStage[] Schedule(IReadOnlyList<Kernel> kernels, int[][] predecessors, int laneCount)
    {
        int count = kernels.Count;
        if (laneCount < 2 || count == 0) return count == 0 ? [] : [new ExecutionStage(StageKind.Sequential, 0, count - 1)];

        var lane = new int[count];        // -1: split across all lanes
        var start = new long[count];
        var finish = new long[count];
        var laneFree = new long[laneCount];
        bool[] splittable = Splittable(kernels, predecessors);
        for (int s = 0; s < count; s++)
        {
            Kernel kernel = kernels[s];
            long cost = kernel.ScheduleCost;
            long ready = 0;
            foreach (int p in predecessors[s]) ready = Math.Max(ready, finish[p]);

            int bestLane = 0;
            long bestStart = long.MaxValue;
            for (int l = 0; l < laneCount; l++)
            {
                long begin = laneFree[l];
                foreach (int p in predecessors[s])
                    begin = Math.Max(begin, finish[p] + (lane[p] >= 0 && lane[p] != l ? CrossLaneHandOver : 0));
                if (begin < bestStart)
                {
                    bestStart = begin;
                    bestLane = l;
                }
            }
            long narrowFinish = bestStart + cost + StepOverhead;

            if (splittable[s])
            {
                long wideStart = Math.Max(ready, laneFree.Max());
                long wideFinish = wideStart + WideTime(kernel, laneCount);
                if (wideFinish < narrowFinish)
                {
                    lane[s] = -1;
                    start[s] = wideStart;
                    finish[s] = wideFinish;
                    Array.Fill(laneFree, wideFinish);
                    continue;
                }
            }
            lane[s] = bestLane;
            start[s] = bestStart;
            finish[s] = narrowFinish;
            laneFree[bestLane] = narrowFinish;
        }
        return BuildStages(kernels, predecessors, lane, start, finish, laneCount);
    }

    /// <summary>Large steps beside which less independent work exists than they cost themselves.</summary>
    private static bool[] Splittable(IReadOnlyList<Kernel> kernels, int[][] predecessors)
    {
        int count = kernels.Count;
        var ancestors = new System.Collections.BitArray[count];
        for (int s = 0; s < count; s++)
        {
            ancestors[s] = new System.Collections.BitArray(count);
            foreach (int p in predecessors[s])
            {
                ancestors[s].Or(ancestors[p]);
                ancestors[s][p] = true;
            }
        }
        var result = new bool[count];
        for (int s = 0; s < count; s++)
        {
            long cost = kernels[s].ScheduleCost;
            if (cost < MinimumWideCost || kernels[s].WorkUnits < 2) continue;
            long independent = 0;
            for (int t = 0; t < count; t++)
            {
                if (t != s && !ancestors[s][t] && !ancestors[t][s]) independent += kernels[t].ScheduleCost;
            }
            result[s] = independent < cost;
        }
        return result;
    }

    private static ExecutionStage[] BuildStages(IReadOnlyList<Kernel> kernels, int[][] predecessors, int[] lane,
        long[] start, long[] finish, int laneCount)
    {
        var stages = new List<ExecutionStage>();
        int s = 0, count = lane.Length;
        while (s < count)
        {
            if (lane[s] < 0)
            {
                stages.Add(new ExecutionStage(StageKind.Wide, s, s));
                s++;
                continue;
            }
            int first = s;
            while (s < count && lane[s] >= 0) s++;
            ExecutionStage? lanes = LaneStage(kernels, predecessors, lane, start, finish, laneCount, first, s - 1);
            if (lanes is not null) stages.Add(lanes);
            else AddOneByOne(stages, kernels, laneCount, first, s - 1);
        }
        return MergeSequential(stages);
    }

    /// <summary>Steps in turn, each large one split across all threads.</summary>
    private static void AddOneByOne(List<ExecutionStage> stages, IReadOnlyList<Kernel> kernels, int laneCount, int first, int last)
    {
        for (int s = first; s <= last; s++)
        {
            bool wide = WideTime(kernels[s], laneCount) < kernels[s].ScheduleCost + StepOverhead;
            stages.Add(new ExecutionStage(wide ? StageKind.Wide : StageKind.Sequential, s, s));
        }
    }

    private static long WideTime(Kernel kernel, int laneCount) =>
        kernel.ScheduleCost < MinimumWideCost || kernel.WorkUnits < 2 ? long.MaxValue
            : kernel.ScheduleCost * 115 / (100 * Math.Min(laneCount, kernel.WorkUnits)) + WideSynchronisation;

    /// <summary>The lanes the list schedule chose for [first, last], or null when running the steps one by one (splitting the large ones) is estimated to be as fast.</summary>
    private static ExecutionStage? LaneStage(IReadOnlyList<Kernel> kernels, int[][] predecessors, int[] lane,
        long[] start, long[] finish, int laneCount, int first, int last)
    {
        long oneByOne = 0, begin = long.MaxValue, end = 0;
        var lanesUsed = new HashSet<int>();
        for (int s = first; s <= last; s++)
        {
            oneByOne += Math.Min(kernels[s].ScheduleCost + StepOverhead, WideTime(kernels[s], laneCount));
            begin = Math.Min(begin, start[s]);
            end = Math.Max(end, finish[s]);
            lanesUsed.Add(lane[s]);
        }
        if (lanesUsed.Count < 2 || end - begin + LaneStageSynchronisation >= oneByOne) return null;

        var signalled = new bool[last + 1];
        var programs = new List<LaneInstruction>[laneCount];
        var awaited = new HashSet<int>[laneCount];
        for (int l = 0; l < laneCount; l++)
        {
            programs[l] = [];
            awaited[l] = [];
        }
        for (int s = first; s <= last; s++)
        {
            int l = lane[s];
            foreach (int p in predecessors[s])
            {
                if (p < first || lane[p] == l || !awaited[l].Add(p)) continue;
                signalled[p] = true;
                programs[l].Add(new LaneInstruction(LaneAction.WaitFor, p));
            }
            programs[l].Add(new LaneInstruction(LaneAction.Run, s));
        }
        var lanes = new LaneInstruction[laneCount][];
        for (int l = 0; l < laneCount; l++)
        {
            lanes[l] = programs[l].Select(i => i.Action == LaneAction.Run && signalled[i.Step] ? i with { Action = LaneAction.RunAndSignal } : i).ToArray();
        }
        return new ExecutionStage(StageKind.Lanes, first, last, lanes);
    }

    private static ExecutionStage[] MergeSequential(List<ExecutionStage> stages)
    {
        var merged = new List<ExecutionStage>(stages.Count);
        foreach (ExecutionStage stage in stages)
        {
            if (stage.Kind == StageKind.Sequential && merged.Count > 0 && merged[^1].Kind == StageKind.Sequential)
                merged[^1] = new ExecutionStage(StageKind.Sequential, merged[^1].FirstStep, stage.LastStep);
            else
                merged.Add(stage);
        }
        return [.. merged];
    }
}
