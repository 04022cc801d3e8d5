using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// Turns a parsed model into a <see cref="CompiledGraph"/>: folds constant DEQUANTIZE, DENSIFY and
/// RESHAPE, builds and validates a kernel per remaining operator, merges aliasing operators into
/// their input's buffer, folds zero padding into the convolutions that read it, fuses residual sums and activations into the kernels that produce their
/// inputs, schedules the steps over threads, and plans the arena by liveness. Each fusion removes
/// a step: one pass over memory less, and on several threads one synchronisation less.
/// </summary>
internal static class GraphCompiler
{
    /// <param name="threadCount">Threads the graph will run on; with more than one, independent steps may run concurrently, and their buffers are kept apart for that.</param>
    /// <param name="keepHalfWeights">Whether kernels may keep weights that are exact halves in half precision (see <see cref="KernelBuildContext.KeepsHalfWeights"/>).</param>
    public static CompiledGraph Compile(TfLiteModel model, VectorIsa isa, int threadCount = 1, bool keepHalfWeights = true)
    {
        if (model.Subgraphs.Count == 0) throw new ModelFormatException("The model has no subgraph.");
        Subgraph graph = model.Subgraphs[0];
        int tensorCount = graph.Tensors.Count;
        var constants = new ConstantStore(model, graph);

        var steps = new List<CompiledStep>();
        var stepOperands = new List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)>();
        var aliasOf = Enumerable.Range(0, tensorCount).ToArray();
        var produced = new bool[tensorCount];
        var uses = new int[tensorCount];
        foreach (int input in graph.Inputs) produced[input] = true;

        for (int opIndex = 0; opIndex < graph.Operators.Count; opIndex++)
        {
            Operator op = graph.Operators[opIndex];
            if (op.OpcodeIndex < 0 || op.OpcodeIndex >= model.OperatorCodes.Count)
                throw new ModelFormatException($"op {opIndex}: operator code index {op.OpcodeIndex} does not exist.");
            OperatorCode code = model.OperatorCodes[op.OpcodeIndex];
            var context = new KernelBuildContext(graph, opIndex, op, code, constants, isa) { KeepsHalfWeights = keepHalfWeights };

            if (TryFoldConstant(context, constants)) continue;

            Kernel? kernel = KernelRegistry.Create(context);
            foreach (int tensor in context.ArenaInputs)
            {
                if (!produced[tensor] && !constants.IsConstant(tensor))
                    throw context.Format($"reads tensor '{graph.Tensors[tensor].Name}' (#{tensor}) before anything writes it");
            }
            foreach (int tensor in context.ArenaOutputs) produced[tensor] = true;
            foreach (int tensor in context.ArenaInputs) uses[tensor]++;

            if (context.AliasesOutputToInput)
            {
                int source = op.Inputs[0], target = op.Outputs[0];
                if (!produced[source] && !constants.IsConstant(source))
                    throw context.Format($"reads tensor '{graph.Tensors[source].Name}' (#{source}) before anything writes it");
                aliasOf[target] = Root(aliasOf, source);
                produced[target] = true;
                continue;
            }

            if (kernel is null) throw context.Unsupported("produced no kernel");
            steps.Add(new CompiledStep(opIndex, kernel));
            stepOperands.Add((context.ArenaInputs.ToArray(), context.ArenaOutputs.ToArray()));
        }

        for (int t = 0; t < tensorCount; t++) aliasOf[t] = Root(aliasOf, t);
        var privateTensors = new PrivateTensors(uses, aliasOf, graph.Outputs);
        PadFusion.Fuse(steps, stepOperands, privateTensors);
        ResidualFusion.Fuse(steps, stepOperands, privateTensors);
        FuseActivations(steps, stepOperands, privateTensors);
        DepthwisePointwiseFusion.Fuse(steps, stepOperands, privateTensors);
        Dictionary<int, long> planeSizes = ChannelPlaneLinks.Link(steps, stepOperands, aliasOf, graph.Inputs, graph.Outputs,
            t => graph.Tensors[t].Shape);
        ExecutionStage[] stages = StageScheduler.Schedule(steps.Select(s => s.Kernel).ToArray(),
            StepDependencies.Predecessors(stepOperands, aliasOf), threadCount);
        return Plan(graph, constants, steps, stepOperands, aliasOf, stages, threadCount, planeSizes);
    }

    /// <summary>
    /// Folds each standalone RELU/RELU6/PRELU into the kernel that produces its input when that
    /// input has no other reader: the producer then writes the activated values directly.
    /// Runs after <see cref="ResidualFusion"/>, whose convolutions still accept an activation.
    /// </summary>
    private static void FuseActivations(List<CompiledStep> steps, List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands,
        PrivateTensors privateTensors)
    {
        var pass = new FusionPass(steps, operands);
        for (int s = 0; s < steps.Count; s++)
        {
            pass.Visit(s);
            if (steps[s].Kernel is not IFusableActivation activation) continue;
            int t0 = activation.InputTensor;
            if (!privateTensors.Contains(t0) || !pass.TryGetProducer(t0, out int p) || operands[p].Outputs.Count != 1) continue;
            if (steps[p].Kernel is not IFusesActivation fuser) continue;
            if (fuser.FuseActivation(activation.Clamp, activation.Slopes, activation.OutputTensor) is not { } fused) continue;
            pass.Replace(p, steps[p] with { Kernel = fused }, operands[p].Inputs, [activation.OutputTensor]);
            pass.Remove(s);
        }
        pass.Finish();
    }

    private static bool TryFoldConstant(KernelBuildContext context, ConstantStore constants)
    {
        BuiltinOperator builtin = context.Code.Builtin;
        bool foldable = builtin is BuiltinOperator.Dequantize or BuiltinOperator.Densify or BuiltinOperator.Reshape;
        if (!foldable || context.InputCount < 1 || context.OutputCount != 1 || !context.IsConstantInput(0)) return false;

        TensorInfo input = context.Input(0), output = context.Output(0);
        if (ShapeMath.ElementCount(input.Shape) != ShapeMath.ElementCount(output.Shape))
            throw context.Format($"output '{output.Name}' {ShapeMath.Format(output.Shape)} and input '{input.Name}' {ShapeMath.Format(input.Shape)} differ in element count");
        if (builtin == BuiltinOperator.Dequantize && (input.Type is not (TensorType.Float16 or TensorType.Float32) || output.Type != TensorType.Float32))
            throw context.Unsupported($"DEQUANTIZE from {input.Type} to {output.Type} is not supported (only FLOAT16 to FLOAT32)");
        if (builtin == BuiltinOperator.Densify && input.Type != output.Type)
            throw context.Format($"DENSIFY changes type from {input.Type} to {output.Type}");
        if (builtin == BuiltinOperator.Reshape && input.Type != TensorType.Float32)
            return false;
        constants.SetFolded(context.OutputTensor(0), context.ConstantFloats(0));
        return true;
    }

    private static int Root(int[] aliasOf, int tensor)
    {
        while (aliasOf[tensor] != tensor) tensor = aliasOf[tensor];
        return tensor;
    }

    private static CompiledGraph Plan(Subgraph graph, ConstantStore constants, List<CompiledStep> steps,
        List<(IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs)> operands, int[] aliasOf, ExecutionStage[] stages, int threadCount,
        Dictionary<int, long> sizeOverrides)
    {
        int stepCount = steps.Count;
        int end = stepCount; // graph inputs and outputs stay valid after Invoke returns
        var first = new Dictionary<int, int>();
        var last = new Dictionary<int, int>();
        var members = new Dictionary<int, List<int>>();

        void Touch(int tensor, int step)
        {
            int root = aliasOf[tensor];
            first[root] = first.TryGetValue(root, out int f) ? Math.Min(f, step) : step;
            last[root] = last.TryGetValue(root, out int l) ? Math.Max(l, step) : step;
        }

        for (int s = 0; s < stepCount; s++)
        {
            foreach (int t in operands[s].Inputs) Touch(t, s);
            foreach (int t in operands[s].Outputs) Touch(t, s);
        }

        var arenaConstants = new List<ArenaConstant>();
        foreach (int root in first.Keys.ToArray())
        {
            if (constants.TryGetFloats(root) is { } values)
            {
                Touch(root, 0);
                Touch(root, end);
                arenaConstants.Add(new ArenaConstant(root, values));
            }
        }

        var inputs = DescribeIo(graph, graph.Inputs, "input");
        var outputs = DescribeIo(graph, graph.Outputs, "output");
        foreach (int t in graph.Inputs) { Touch(t, 0); Touch(t, end); }
        foreach (int t in graph.Outputs)
        {
            if (constants.IsConstant(aliasOf[t]) && constants.TryGetFloats(aliasOf[t]) is { } values && !arenaConstants.Any(c => c.Tensor == aliasOf[t]))
                arenaConstants.Add(new ArenaConstant(aliasOf[t], values));
            if (!first.ContainsKey(aliasOf[t]))
            {
                bool isInput = graph.Inputs.Contains(aliasOf[t]);
                if (!isInput && !constants.IsConstant(aliasOf[t]))
                    throw new ModelFormatException($"Graph output '{graph.Tensors[t].Name}' (#{t}) is never written.");
                Touch(t, 0);
            }
            Touch(t, end);
        }

        for (int t = 0; t < aliasOf.Length; t++)
        {
            if (first.ContainsKey(aliasOf[t]))
            {
                if (!members.TryGetValue(aliasOf[t], out var list)) members[aliasOf[t]] = list = [];
                list.Add(t);
            }
        }

        // Steps of a lane stage run in any interleaving, so a buffer any of them touches stays
        // reserved for the whole stage: no two of them can share memory.
        foreach (ExecutionStage stage in stages)
        {
            if (stage.Kind != StageKind.Lanes) continue;
            foreach (int root in first.Keys.ToArray())
            {
                if (first[root] > stage.LastStep || last[root] < stage.FirstStep) continue;
                first[root] = Math.Min(first[root], stage.FirstStep);
                last[root] = Math.Max(last[root], stage.LastStep);
            }
        }

        int[] roots = first.Keys.OrderBy(r => r).ToArray();
        var lifetimes = roots.Select(r => new BufferLifetime(
            members[r].Max(t => sizeOverrides.TryGetValue(t, out long floats) ? floats : ShapeMath.ElementCount(graph.Tensors[t].Shape)),
            first[r], last[r])).ToArray();
        long[] planned = MemoryPlanner.Plan(lifetimes, out long arenaSize);

        var tensorOffsets = new long[aliasOf.Length];
        var buffers = new List<PlannedBuffer>(roots.Length);
        for (int i = 0; i < roots.Length; i++)
        {
            foreach (int t in members[roots[i]]) tensorOffsets[t] = planned[i];
            buffers.Add(new PlannedBuffer(members[roots[i]], planned[i], lifetimes[i].Size, lifetimes[i].FirstStep, lifetimes[i].LastStep));
        }

        return new CompiledGraph(steps, stages, Math.Max(1, threadCount), tensorOffsets, arenaSize, arenaConstants, inputs, outputs, buffers);
    }

    private static TensorDescription[] DescribeIo(Subgraph graph, IReadOnlyList<int> tensors, string role)
    {
        var result = new TensorDescription[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            int t = tensors[i];
            if (t < 0 || t >= graph.Tensors.Count)
                throw new ModelFormatException($"Graph {role} {i} refers to tensor {t}, which does not exist.");
            TensorInfo info = graph.Tensors[t];
            if (info.Type != TensorType.Float32)
                throw new UnsupportedModelException($"Graph {role} '{info.Name}' has type {info.Type}; only FLOAT32 is supported.");
            if (info.Shape.Any(d => d <= 0))
                throw new UnsupportedModelException($"Graph {role} '{info.Name}' has a dynamic or empty shape {ShapeMath.Format(info.Shape)}.");
            result[i] = new TensorDescription(info.Name, t, info.Shape.ToArray());
        }
        return result;
    }
}
