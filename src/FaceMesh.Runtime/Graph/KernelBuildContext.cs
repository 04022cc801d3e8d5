using FaceMesh.Runtime.Kernels;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Graph;

/// <summary>
/// What a kernel factory sees of one operator at load time: its tensors, options and constants,
/// and helpers that raise errors naming the operator and tensor. It also records which tensors the
/// kernel reads from or writes to the arena, which is what the memory planner works from.
/// </summary>
internal sealed class KernelBuildContext
{
    private readonly Subgraph _graph;
    private readonly ConstantStore _constants;
    private readonly List<int> _arenaInputs = [];
    private readonly List<int> _arenaOutputs = [];

    public KernelBuildContext(Subgraph graph, int opIndex, Operator op, OperatorCode code, ConstantStore constants, VectorIsa isa)
    {
        _graph = graph;
        _constants = constants;
        OpIndex = opIndex;
        Op = op;
        Code = code;
        Isa = isa;
    }

    public int OpIndex { get; }
    public Operator Op { get; }
    public OperatorCode Code { get; }
    /// <summary>The vector path every kernel of this graph uses.</summary>
    public VectorIsa Isa { get; }
    /// <summary>Whether kernels may keep weights that are exact halves in half precision (tests turn it off to compare with float32 weights).</summary>
    public bool KeepsHalfWeights { get; init; } = true;
    public string OpName => Code.Builtin == BuiltinOperator.Custom ? Code.CustomCode ?? "custom" : Code.Builtin.ToString();
    public string Label => $"op {OpIndex} ({Code})";

    public IReadOnlyList<int> ArenaInputs => _arenaInputs;
    public IReadOnlyList<int> ArenaOutputs => _arenaOutputs;

    /// <summary>Set when the operator only re-labels its input (RESHAPE, identity slice): no kernel runs, output 0 shares input 0's memory.</summary>
    public bool AliasesOutputToInput { get; private set; }

    public void AliasOutputToInput()
    {
        TensorInfo input = Input(0), output = Output(0);
        if (ShapeMath.ElementCount(input.Shape) != ShapeMath.ElementCount(output.Shape))
            throw Format($"output '{output.Name}' {ShapeMath.Format(output.Shape)} and input '{input.Name}' {ShapeMath.Format(input.Shape)} differ in element count");
        if (input.Type != output.Type)
            throw Format($"output '{output.Name}' has type {output.Type}, input '{input.Name}' {input.Type}");
        AliasesOutputToInput = true;
    }

    public int InputCount => Op.Inputs.Count;
    public int OutputCount => Op.Outputs.Count;

    public int InputTensor(int position) => Op.Inputs[position];
    public int OutputTensor(int position) => Op.Outputs[position];
    public TensorInfo Input(int position) => Tensor(Op.Inputs[position], $"input {position}");
    public TensorInfo Output(int position) => Tensor(Op.Outputs[position], $"output {position}");
    public IReadOnlyList<int> InputShape(int position) => Input(position).Shape;
    public IReadOnlyList<int> OutputShape(int position) => Output(position).Shape;

    public bool IsConstantInput(int position) => Op.Inputs[position] >= 0 && _constants.IsConstant(Op.Inputs[position]);

    public void RequireArity(int minInputs, int maxInputs, int outputs)
    {
        if (InputCount < minInputs || InputCount > maxInputs)
            throw Format($"expects {(minInputs == maxInputs ? minInputs.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{minInputs}-{maxInputs}")} inputs, has {InputCount}");
        if (OutputCount != outputs)
            throw Format($"expects {outputs} output(s), has {OutputCount}");
    }

    public T Options<T>() where T : BuiltinOptions =>
        Op.Options as T ?? throw Format($"is missing its {typeof(T).Name}");

    /// <summary>A float32 tensor the kernel reads at run time (an activation, or a constant copied into the arena).</summary>
    public int ArenaInput(int position)
    {
        TensorInfo info = Input(position);
        if (info.Type != TensorType.Float32)
            throw Unsupported($"input {position} '{info.Name}' has type {info.Type}; only FLOAT32 activations are supported");
        int tensor = Op.Inputs[position];
        _arenaInputs.Add(tensor);
        return tensor;
    }

    public int ArenaOutput(int position)
    {
        TensorInfo info = Output(position);
        if (info.Type != TensorType.Float32)
            throw Unsupported($"output {position} '{info.Name}' has type {info.Type}; only FLOAT32 outputs are supported");
        int tensor = Op.Outputs[position];
        _arenaOutputs.Add(tensor);
        return tensor;
    }

    /// <summary>A float constant consumed at load time (weights, biases, slopes); never read at run time.</summary>
    public float[] ConstantFloats(int position)
    {
        TensorInfo info = Input(position);
        return _constants.TryGetFloats(Op.Inputs[position])
            ?? throw Unsupported($"input {position} '{info.Name}' must be a constant float tensor");
    }

    public int[] ConstantInts(int position)
    {
        TensorInfo info = Input(position);
        return _constants.TryGetInts(Op.Inputs[position])
            ?? throw Unsupported($"input {position} '{info.Name}' must be a constant INT32 tensor");
    }

    public void ExpectOutputShape(int position, IReadOnlyList<int> expected)
    {
        TensorInfo info = Output(position);
        if (!ShapeMath.SameShape(info.Shape, expected))
            throw Format($"output {position} '{info.Name}' has shape {ShapeMath.Format(info.Shape)}, expected {ShapeMath.Format(expected)}");
    }

    public void ExpectInputRank(int position, int rank)
    {
        TensorInfo info = Input(position);
        if (info.Shape.Count != rank)
            throw Format($"input {position} '{info.Name}' has shape {ShapeMath.Format(info.Shape)}, expected rank {rank}");
    }

    public void ExpectBatchOne(int position)
    {
        TensorInfo info = Input(position);
        if (info.Shape.Count == 0 || info.Shape[0] != 1)
            throw Unsupported($"input {position} '{info.Name}' has shape {ShapeMath.Format(info.Shape)}; only batch 1 is supported");
    }

    public ModelFormatException Format(string detail) => new($"{Label}: {detail}.");

    public UnsupportedModelException Unsupported(string detail) => new($"{Label}: {detail}.");

    private TensorInfo Tensor(int index, string role)
    {
        if (index < 0 || index >= _graph.Tensors.Count)
            throw Format($"{role} refers to tensor {index}, which does not exist");
        return _graph.Tensors[index];
    }
}
