using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Run-time state of one <see cref="StageKind.Lanes"/> stage. Lane i belongs to helper thread i
/// once that thread claims it; a lane nobody claimed within a couple of microseconds is taken
/// over by the caller, which then advances all its lanes in turn, so a sleeping or descheduled
/// helper costs parallelism but never blocks the run. Steps that another lane waits for publish
/// the job's generation in their own cache line. Deadlock is impossible: lanes list steps in
/// model order and wait only for earlier steps, so the earliest unfinished step is always runnable
/// by its lane's owner.
/// </summary>
internal sealed class LaneJob(int laneCount, int stepCount)
{
    private const int SignalStride = 16;          // ints: one 64-byte line per step
    private const int GraceSpinsBeforeTakeover = 64;

    private readonly int[] _signals = new int[Math.Max(1, stepCount) * SignalStride];
    private readonly int[] _owner = new int[laneCount * SignalStride];
    private readonly int[] _callerCursor = new int[laneCount];
    private readonly bool[] _callerOwns = new bool[laneCount];
    private ExecutionStage? _stage;
    private Kernel[] _kernels = [];
    private TensorMap _tensors;
    private int _generation;
    private int _finishedLanes;
    private ExceptionDispatchInfo? _failure;

    /// <summary>Sets up the job; the pool then publishes <paramref name="generation"/> with a release write.</summary>
    public void Prepare(ExecutionStage stage, Kernel[] kernels, in TensorMap tensors, int generation)
    {
        // Generation before stage: a late helper that reads this stage then also reads this
        // generation and sees that the job is not the one it woke up for.
        Volatile.Write(ref _generation, generation);
        _kernels = kernels;
        _tensors = tensors;
        int empty = 0;
        foreach (LaneInstruction[] lane in stage.Lanes)
        {
            if (lane.Length == 0) empty++;
        }
        _finishedLanes = empty;
        Volatile.Write(ref _stage, stage);
    }

    public ExceptionDispatchInfo? TakeFailure()
    {
        ExceptionDispatchInfo? failure = _failure;
        _failure = null;
        return failure;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunAsCaller()
    {
        LaneInstruction[][] lanes = _stage!.Lanes;
        int laneCount = lanes.Length;
        Array.Clear(_callerCursor, 0, laneCount);
        Array.Clear(_callerOwns, 0, laneCount);
        _callerOwns[0] = true;
        int idleSpins = 0;
        while (Volatile.Read(ref _finishedLanes) < laneCount)
        {
            bool progressed = false;
            for (int l = 0; l < laneCount; l++)
            {
                if (_callerOwns[l] && _callerCursor[l] < lanes[l].Length) progressed |= Advance(lanes[l], ref _callerCursor[l]);
            }
            if (progressed)
            {
                idleSpins = 0;
                continue;
            }
            if (++idleSpins < GraceSpinsBeforeTakeover)
            {
                Thread.SpinWait(1);
                continue;
            }
            for (int l = 1; l < laneCount; l++)
            {
                if (!_callerOwns[l] && lanes[l].Length > 0 && TryClaim(l, _generation)) _callerOwns[l] = true;
            }
            idleSpins = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RunAsHelper(int lane, int generation)
    {
        if (!TryClaim(lane, generation)) return;
        LaneInstruction[] program = _stage!.Lanes[lane];
        int cursor = 0;
        while (cursor < program.Length)
        {
            if (!Advance(program, ref cursor)) Thread.SpinWait(1);
        }
    }

    private bool TryClaim(int lane, int generation)
    {
        if ((uint)lane >= (uint)_owner.Length / SignalStride) return false;
        ref int owner = ref _owner[lane * SignalStride];
        int previous = Volatile.Read(ref owner);
        ExecutionStage? stage = Volatile.Read(ref _stage);
        if (previous - generation >= 0 || Volatile.Read(ref _generation) != generation || stage is null) return false;
        // Job 'generation' cannot finish while this non-empty lane is unclaimed, so winning the
        // claim also proves the job's fields are still the ones read here.
        if (lane >= stage.Lanes.Length || stage.Lanes[lane].Length == 0) return false;
        return Interlocked.CompareExchange(ref owner, generation, previous) == previous;
    }

    /// <summary>Runs the lane from <paramref name="cursor"/> until it must wait or ends; true if it moved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Advance(LaneInstruction[] program, ref int cursor)
    {
        int i = cursor, generation = _generation;
        Kernel[] kernels = _kernels;
        while (i < program.Length)
        {
            LaneInstruction instruction = program[i];
            if (instruction.Action == LaneAction.WaitFor)
            {
                if (Volatile.Read(ref _signals[instruction.Step * SignalStride]) != generation && _failure is null) break;
            }
            else
            {
                if (_failure is null)
                {
                    try
                    {
                        kernels[instruction.Step].RunAll(_tensors);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
                    }
                }
                if (instruction.Action == LaneAction.RunAndSignal)
                    Volatile.Write(ref _signals[instruction.Step * SignalStride], generation);
            }
            i++;
        }
        bool moved = i != cursor;
        cursor = i;
        if (moved && i == program.Length) Interlocked.Increment(ref _finishedLanes);
        return moved;
    }
}
