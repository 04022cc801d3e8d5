using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Graph;

public sealed class WorkerPoolTests
{
    [Fact]
    public void Repeated_threaded_invocations_always_equal_the_single_threaded_result()
    {
        var rng = new Random(31);
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 24, 24, 16);
        int hidden = b.Tensor("h", [1, 24, 24, 40]);
        int output = b.Output("y", 1, 12, 12, 40);
        b.Op(BuiltinOperator.Conv2D, [input, b.Constant("w", [40, 1, 1, 16], TestData.Random(rng, 640))], [hidden],
            new Conv2DOptions(Padding.Valid, 1, 1, FusedActivation.Relu, 1, 1));
        b.Op(BuiltinOperator.DepthwiseConv2D, [hidden, b.Constant("d", [1, 3, 3, 40], TestData.Random(rng, 360))], [output],
            new DepthwiseConv2DOptions(Padding.Same, 2, 2, 1, FusedActivation.None, 1, 1));
        var model = b.Build();
        using var single = new Interpreter(model);
        using var threaded = new Interpreter(model, new InterpreterOptions { ThreadCount = 3 });

        for (int run = 0; run < 200; run++)
        {
            float[] x = TestData.Random(rng, 24 * 24 * 16);
            x.CopyTo(single.GetInput(0));
            x.CopyTo(threaded.GetInput(0));
            single.Invoke();
            threaded.Invoke();
            Assert.True(single.GetOutput(0).SequenceEqual(threaded.GetOutput(0)), $"run {run} differs");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Every_unit_runs_exactly_once_whatever_the_unit_count(int threads)
    {
        using var pool = new WorkerPool(threads, 1);
        for (int units = 2; units <= 41; units++)
        {
            var kernel = new CountingKernel(units);
            for (int job = 0; job < 50; job++) pool.Run(kernel, default);
            Assert.All(kernel.Runs, count => Assert.Equal(50, count));
        }
    }

    [Fact]
    public void A_helper_starts_on_its_own_half_so_layers_keep_their_rows_on_one_core()
    {
        // Affinity is what makes splitting pay: a layer's rows should be computed on the core that
        // computed the same rows of the layer before. The caller holds its first chunk until the
        // helper has started, so where the helper starts does not depend on timing.
        using var pool = new WorkerPool(2, 1);
        var kernel = new FirstChunkRecorder(64, Environment.CurrentManagedThreadId);
        for (int job = 0; job < 20; job++)
        {
            kernel.Reset();
            pool.Run(kernel, default);
            Assert.Equal(0, kernel.CallerFirstUnit);
            Assert.Equal(32, kernel.HelperFirstUnit);
        }
    }

    private sealed class FirstChunkRecorder(int units, int callerThread) : Kernel("FirstChunkRecorder")
    {
        private int _callerFirst = -1;
        private int _helperFirst = -1;

        public int CallerFirstUnit => _callerFirst;
        public int HelperFirstUnit => _helperFirst;
        public override int WorkUnits => units;
        public override long Cost => units;

        public void Reset() => _callerFirst = _helperFirst = -1;

        public override void Run(in TensorMap tensors, int begin, int end)
        {
            if (Environment.CurrentManagedThreadId != callerThread)
            {
                Interlocked.CompareExchange(ref _helperFirst, begin, -1);
                return;
            }
            if (Interlocked.CompareExchange(ref _callerFirst, begin, -1) != -1) return;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref _helperFirst) < 0 && waited.ElapsedMilliseconds < 10_000) Thread.Yield();
        }
    }

    [Fact]
    public void A_failing_unit_surfaces_on_the_caller_and_the_pool_stays_usable()
    {
        using var pool = new WorkerPool(2, 1);
        var failing = new CountingKernel(16, failAt: 13);
        var error = Assert.Throws<InvalidOperationException>(() => pool.Run(failing, default));
        Assert.Contains("unit 13", error.Message);
        var healthy = new CountingKernel(16);
        pool.Run(healthy, default);
        Assert.All(healthy.Runs, count => Assert.Equal(1, count));
    }

    private sealed class CountingKernel(int units, int failAt = -1) : Kernel("Counting")
    {
        public int[] Runs { get; } = new int[units];

        public override int WorkUnits => units;
        public override long Cost => units;

        public override void Run(in TensorMap tensors, int begin, int end)
        {
            for (int u = begin; u < end; u++)
            {
                if (u == failAt) throw new InvalidOperationException($"unit {u} failed on purpose");
                Interlocked.Increment(ref Runs[u]);
            }
        }
    }
}
