namespace FaceMesh.Runtime.Graph;

internal enum StageKind
{
    /// <summary>Steps FirstStep..LastStep one after another on the caller's thread.</summary>
    Sequential,

    /// <summary>One large step whose work units all threads share.</summary>
    Wide,

    /// <summary>Independent steps spread over threads, each thread running its own lane.</summary>
    Lanes,
}

/// <summary>What a lane does next: run a step, run it and tell other lanes it is done, or wait for another lane's step.</summary>
internal enum LaneAction
{
    Run,
    RunAndSignal,
    WaitFor,
}

internal readonly record struct LaneInstruction(LaneAction Action, int Step);

/// <summary>
/// A stretch of the run order [FirstStep, LastStep] after which all threads have finished.
/// For <see cref="StageKind.Lanes"/>, <see cref="Lanes"/>[i] is what thread i runs, in an order
/// consistent with the model's, with waits only for steps of other lanes.
/// </summary>
internal sealed class ExecutionStage(StageKind kind, int firstStep, int lastStep, LaneInstruction[][]? lanes = null)
{
    public StageKind Kind { get; } = kind;
    public int FirstStep { get; } = firstStep;
    public int LastStep { get; } = lastStep;
    public LaneInstruction[][] Lanes { get; } = lanes ?? [];
}
