using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;

namespace FaceMesh.Benchmarks.Profiling;

/// <summary>
/// Why N-thread medians swing on a small VM: runs a model on N threads in consecutive blocks and
/// prints, per block, the median Invoke next to two probes of the machine taken just before it
/// (cross-core round trip of one cache line; FMA throughput of one thread alone and of two at once),
/// then each stage's mean time in the fastest and the slowest block. If sequential stages, which
/// only the caller runs, slow down as much as the shared ones while the probes stay flat, the cause
/// lies outside the runtime's synchronisation.
/// <c>dotnet run -c Release --project bench/FaceMesh.Benchmarks -- stages [blocks] [runsPerBlock] [attention|mesh|short] [threads]</c>
/// </summary>
internal static class StageJitter
{
    public static void Run(string[] args)
    {
        int blocks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        int block = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        MediaPipeModel model = (args.Length > 3 ? args[3] : "attention") switch
        {
            "mesh" => MediaPipeModel.FaceLandmark,
            "short" => MediaPipeModel.FaceDetectionShortRange,
            _ => MediaPipeModel.FaceLandmarkWithAttention,
        };
        int threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2;

        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(model), new InterpreterOptions { ThreadCount = threads });
        Span<float> input = interpreter.GetInput(0);
        for (int i = 0; i < input.Length; i++) input[i] = (i % 255) / 255f;
        var runner = new StageRunner(interpreter);
        for (int w = 0; w < 2000; w++) runner.Invoke(null);

        ExecutionStage[] stages = interpreter.Graph.Stages;
        var ticks = new long[blocks][];
        var medians = new double[blocks];
        var once = new long[stages.Length];
        var samples = new double[block];
        for (int b = 0; b < blocks; b++)
        {
            // Probes first: the pool's helper spins about a millisecond and then sleeps, so they do not compete with it for long.
            Thread.Sleep(3);
            double roundTrip = PingPongNanoseconds(20_000);
            double alone = FmaMicroseconds(together: false), both = FmaMicroseconds(together: true);
            ticks[b] = new long[stages.Length];
            for (int r = 0; r < block; r++)
            {
                Array.Clear(once);
                long start = Stopwatch.GetTimestamp();
                runner.Invoke(once);
                samples[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                for (int s = 0; s < stages.Length; s++) ticks[b][s] += once[s];
            }
            Array.Sort(samples);
            medians[b] = samples[block / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"block {b,2}: {threads}T median {medians[b]:F3} ms | cache-line round trip {roundTrip,5:F0} ns | FMA block 1 thread {alone,5:F1} us, 2 at once {both,5:F1} us"));
        }

        int best = Enumerable.Range(0, blocks).MinBy(b => medians[b]), worst = Enumerable.Range(0, blocks).MaxBy(b => medians[b]);
        double toMicroseconds = 1e6 / Stopwatch.Frequency / block;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean us per stage: fastest block {best} ({medians[best]:F3} ms) vs slowest block {worst} ({medians[worst]:F3} ms)"));
        Kernel[] kernels = runner.Kernels;
        double[] oneThread = OneThreadStepMicroseconds(model, 10 * block);
        Console.WriteLine("stage  fastest slowest  1 thread  kind");
        for (int s = 0; s < stages.Length; s++)
        {
            ExecutionStage stage = stages[s];
            int steps = stage.LastStep - stage.FirstStep + 1;
            string what = stage.Kind switch
            {
                StageKind.Wide => $"wide {kernels[stage.FirstStep].OpName} {kernels[stage.FirstStep].Describe()}",
                StageKind.Lanes => $"lanes, {steps} steps",
                _ => $"sequential, {steps} steps",
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s,3} {ticks[best][s] * toMicroseconds,7:F1} {ticks[worst][s] * toMicroseconds,7:F1}  {oneThread[stage.FirstStep..(stage.LastStep + 1)].Sum(),7:F1}  {what}"));
            if (stage.Kind == StageKind.Lanes)
            {
                foreach (LaneInstruction[] lane in stage.Lanes)
                {
                    var runs = lane.Where(i => i.Action != LaneAction.WaitFor).ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"         lane: {runs.Length} steps, {runs.Sum(i => oneThread[i.Step]),6:F1} us alone, {lane.Count(i => i.Action == LaneAction.WaitFor)} waits"));
                }
            }
        }
    }

    /// <summary>Mean time of each step on one thread, to set each stage's N-thread time against.</summary>
    private static double[] OneThreadStepMicroseconds(MediaPipeModel model, int runs)
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(model), new InterpreterOptions { ThreadCount = 1 });
        Span<float> input = interpreter.GetInput(0);
        for (int i = 0; i < input.Length; i++) input[i] = (i % 255) / 255f;
        var ticks = new long[interpreter.Graph.Steps.Count];
        for (int w = 0; w < 500; w++) interpreter.Invoke();
        for (int r = 0; r < runs; r++) interpreter.InvokeProfiled(ticks);
        return ticks.Select(t => t * 1e6 / Stopwatch.Frequency / runs).ToArray();
    }

    /// <summary>Round trip of one cache line between this thread and a new one (which the OS puts on another core when one is idle).</summary>
    private static double PingPongNanoseconds(int trips)
    {
        var line = new StrongBox<long>();
        var partner = new Thread(() =>
        {
            for (long i = 1; i <= trips; i++)
            {
                while (Volatile.Read(ref line.Value) != 2 * i - 1) { }
                Volatile.Write(ref line.Value, 2 * i);
            }
        });
        partner.Start();
        Thread.Sleep(1);
        long start = Stopwatch.GetTimestamp();
        for (long i = 1; i <= trips; i++)
        {
            Volatile.Write(ref line.Value, 2 * i - 1);
            while (Volatile.Read(ref line.Value) != 2 * i) { }
        }
        double nanoseconds = Stopwatch.GetElapsedTime(start).TotalNanoseconds / trips;
        partner.Join();
        return nanoseconds;
    }

    /// <summary>Time of a fixed FMA-throughput block on this thread, optionally while a second thread runs the same.</summary>
    private static double FmaMicroseconds(bool together)
    {
        Thread? other = together ? new Thread(() => FmaBlock()) : null;
        other?.Start();
        double microseconds = FmaBlock();
        other?.Join();
        return microseconds;
    }

    // The same throughput-bound FMA loop as `facemesh bench`'s peak measurement; per 10k iterations.
    private static double FmaBlock() => FaceMesh.Cli.Bench.PeakFlops.BlockMicroseconds(1_000_000) / 100;

    /// <summary>The interpreter's own stage loop, timed per stage (the same calls Interpreter.Invoke makes).</summary>
    private sealed unsafe class StageRunner
    {
        private readonly WorkerPool? _pool;
        private readonly ExecutionStage[] _stages;
        private readonly TensorMap _tensors;

        public StageRunner(Interpreter interpreter)
        {
            const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
            _pool = (WorkerPool?)typeof(Interpreter).GetField("_pool", Private)!.GetValue(interpreter);
            var arena = (NativeArena)typeof(Interpreter).GetField("_arena", Private)!.GetValue(interpreter)!;
            Kernels = interpreter.Graph.Steps.Select(s => s.Kernel).ToArray();
            _stages = interpreter.Graph.Stages;
            _tensors = new TensorMap(arena.Pointer, interpreter.Graph.OffsetTable);
        }

        public Kernel[] Kernels { get; }

        public void Invoke(long[]? ticksPerStage)
        {
            for (int i = 0; i < _stages.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                ExecutionStage stage = _stages[i];
                switch (stage.Kind)
                {
                    case StageKind.Wide: _pool!.Run(Kernels[stage.FirstStep], _tensors); break;
                    case StageKind.Lanes: _pool!.RunLanes(stage, Kernels, _tensors); break;
                    default:
                        for (int s = stage.FirstStep; s <= stage.LastStep; s++) Kernels[s].RunAll(_tensors);
                        break;
                }
                if (ticksPerStage is not null) ticksPerStage[i] += Stopwatch.GetTimestamp() - start;
            }
        }
    }
}
