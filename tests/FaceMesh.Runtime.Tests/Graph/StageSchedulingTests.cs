using FaceMesh.Models;
using FaceMesh.Runtime.Graph;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.Graph;

/// <summary>
/// Inter-op scheduling: independent steps on different threads must give exactly the
/// single-threaded result, every step must run once, and concurrently running steps must never
/// share arena memory.
/// </summary>
public sealed class StageSchedulingTests
{
    [Theory]
    [InlineData(2, 200)]
    [InlineData(3, 50)]
    public void Attention_model_on_several_threads_equals_one_thread_bit_for_bit(int threads, int runs)
    {
        byte[] bytes = MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmarkWithAttention);
        using var single = Interpreter.Load(bytes);
        using var threaded = Interpreter.Load(bytes, new InterpreterOptions { ThreadCount = threads });
        var rng = new Random(5);
        var x = new float[single.GetInput(0).Length];

        for (int run = 0; run < runs; run++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextDouble();
            x.CopyTo(single.GetInput(0));
            x.CopyTo(threaded.GetInput(0));
            single.Invoke();
            threaded.Invoke();
            for (int o = 0; o < single.Outputs.Count; o++)
                Assert.True(single.GetOutput(o).SequenceEqual(threaded.GetOutput(o)), $"run {run}, output {o} differs");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Independent_branches_run_as_lanes_and_equal_one_thread(int threads)
    {
        var model = BranchingModel(new Random(17));
        using var single = new Interpreter(model);
        using var threaded = new Interpreter(model, new InterpreterOptions { ThreadCount = threads });
        Assert.Contains(threaded.Graph.Stages, s => s.Kind == StageKind.Lanes);
        Assert.Contains(threaded.Graph.Stages, s => s.Kind == StageKind.Wide);

        var rng = new Random(3);
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

    [Fact]
    public void One_thread_runs_everything_in_one_sequential_stage()
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(MediaPipeModel.FaceLandmarkWithAttention));

        ExecutionStage stage = Assert.Single(interpreter.Graph.Stages);
        Assert.Equal(StageKind.Sequential, stage.Kind);
        Assert.Equal(interpreter.Graph.Steps.Count - 1, stage.LastStep);
    }

    [Theory]
    [InlineData(MediaPipeModel.FaceDetectionShortRange)]
    [InlineData(MediaPipeModel.FaceDetectionFullRange)]
    [InlineData(MediaPipeModel.FaceLandmark)]
    [InlineData(MediaPipeModel.FaceLandmarkWithAttention)]
    public void Stages_cover_every_step_once_and_lanes_wait_only_for_signalled_earlier_steps(MediaPipeModel model)
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(model), new InterpreterOptions { ThreadCount = 2 });
        CompiledGraph graph = interpreter.Graph;

        int next = 0;
        foreach (ExecutionStage stage in graph.Stages)
        {
            Assert.Equal(next, stage.FirstStep);
            next = stage.LastStep + 1;
            if (stage.Kind != StageKind.Lanes) continue;

            var ran = new List<int>();
            var laneOf = new Dictionary<int, int>();
            for (int l = 0; l < stage.Lanes.Length; l++)
            {
                foreach (LaneInstruction instruction in stage.Lanes[l])
                {
                    if (instruction.Action != LaneAction.WaitFor) laneOf[instruction.Step] = l;
                }
            }
            for (int l = 0; l < stage.Lanes.Length; l++)
            {
                int previous = -1;
                foreach (LaneInstruction instruction in stage.Lanes[l])
                {
                    if (instruction.Action == LaneAction.WaitFor)
                    {
                        Assert.NotEqual(l, laneOf[instruction.Step]);
                        Assert.True(instruction.Step < stage.LastStep);
                        Assert.Contains(stage.Lanes[laneOf[instruction.Step]], i => i.Step == instruction.Step && i.Action == LaneAction.RunAndSignal);
                        continue;
                    }
                    Assert.True(instruction.Step > previous, "a lane runs its steps in model order");
                    previous = instruction.Step;
                    ran.Add(instruction.Step);
                }
            }
            Assert.Equal(Enumerable.Range(stage.FirstStep, stage.LastStep - stage.FirstStep + 1), ran.Order());
        }
        Assert.Equal(graph.Steps.Count, next);
    }

    [Theory]
    [InlineData(MediaPipeModel.FaceLandmarkWithAttention)]
    [InlineData(MediaPipeModel.FaceDetectionFullRange)]
    public void Buffers_used_within_a_lane_stage_never_share_memory(MediaPipeModel model)
    {
        using var interpreter = Interpreter.Load(MediaPipeModels.ReadAllBytes(model), new InterpreterOptions { ThreadCount = 2 });
        CompiledGraph graph = interpreter.Graph;
        ExecutionStage[] laneStages = graph.Stages.Where(s => s.Kind == StageKind.Lanes).ToArray();
        if (model == MediaPipeModel.FaceLandmarkWithAttention) Assert.NotEmpty(laneStages);

        foreach (ExecutionStage stage in laneStages)
        {
            PlannedBuffer[] touched = graph.Buffers.Where(b => b.FirstStep <= stage.LastStep && b.LastStep >= stage.FirstStep).ToArray();
            for (int i = 0; i < touched.Length; i++)
            {
                for (int j = i + 1; j < touched.Length; j++)
                {
                    bool apart = touched[i].Offset + touched[i].Size <= touched[j].Offset || touched[j].Offset + touched[j].Size <= touched[i].Offset;
                    Assert.True(apart, $"stage {stage.FirstStep}..{stage.LastStep}: buffers of tensors {touched[i].Tensors[0]} and {touched[j].Tensors[0]} overlap");
                }
            }
        }
    }

    /// <summary>Three independent branches of different lengths from one input, joined by ADDs, then one large convolution.</summary>
    private static TfLiteModel BranchingModel(Random rng)
    {
        var b = new OpModelBuilder();
        int input = b.Input("x", 1, 24, 24, 16);
        int Pointwise(string name, int source, int outChannels, FusedActivation activation)
        {
            int output = b.Tensor(name, [1, 24, 24, outChannels]);
            b.Op(BuiltinOperator.Conv2D, [source, b.Constant(name + "/w", [outChannels, 1, 1, 16], TestData.Random(rng, outChannels * 16))], [output],
                new Conv2DOptions(Padding.Valid, 1, 1, activation, 1, 1));
            return output;
        }
        int Depthwise(string name, int source)
        {
            int output = b.Tensor(name, [1, 24, 24, 16]);
            b.Op(BuiltinOperator.DepthwiseConv2D, [source, b.Constant(name + "/w", [1, 3, 3, 16], TestData.Random(rng, 144))], [output],
                new DepthwiseConv2DOptions(Padding.Same, 1, 1, 1, FusedActivation.Relu6, 1, 1));
            return output;
        }
        int Add(string name, int left, int right)
        {
            int output = b.Tensor(name, [1, 24, 24, 16]);
            b.Op(BuiltinOperator.Add, [left, right], [output], new ArithmeticOptions(FusedActivation.None));
            return output;
        }

        int a = Pointwise("a2", Depthwise("a1", input), 16, FusedActivation.Relu);
        int c = Depthwise("c3", Pointwise("c2", Depthwise("c1", input), 16, FusedActivation.None));
        int d = Pointwise("d1", input, 16, FusedActivation.Relu6);
        int joined = Add("join2", Add("join1", a, c), d);
        int output = b.Output("y", 1, 24, 24, 48);
        b.Op(BuiltinOperator.Conv2D, [joined, b.Constant("final/w", [48, 3, 3, 16], TestData.Random(rng, 48 * 9 * 16))], [output],
            new Conv2DOptions(Padding.Same, 1, 1, FusedActivation.None, 1, 1));
        return b.Build();
    }
}
