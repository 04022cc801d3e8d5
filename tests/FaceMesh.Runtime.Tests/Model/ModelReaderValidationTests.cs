using FaceMesh.Runtime.Model;
using static FaceMesh.Runtime.Tests.ModelReading.TestModels;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>Synthetic models, each broken in one way, and the error the reader reports.</summary>
public sealed class ModelReaderValidationTests
{
    private static ModelFormatException Rejects(FbTable model) =>
        Assert.Throws<ModelFormatException>(() => TfLiteModelReader.Read(Bytes(model)));

    [Fact]
    public void The_default_test_model_is_valid()
    {
        TfLiteModel model = TfLiteModelReader.Read(Bytes(ModelTable()));

        Subgraph graph = Assert.Single(model.Subgraphs);
        Assert.Equal("main", graph.Name);
        Assert.Equal("test model", model.Description);
        Assert.Equal(["input", "bias", "output"], graph.Tensors.Select(t => t.Name));
        Assert.Equal(8, model.Buffers[graph.Tensors[1].Buffer].Length);
        Operator add = Assert.Single(graph.Operators);
        Assert.Equal(new ArithmeticOptions(FusedActivation.None), add.Options);
        Assert.Equal(BuiltinOperator.Add, model.OperatorCodes[add.OpcodeIndex].Builtin);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Too_short_input_is_rejected(int length)
    {
        var e = Assert.Throws<ModelFormatException>(() => TfLiteModelReader.Read(new byte[length]));
        Assert.Contains("too few", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_file_identifier_is_rejected()
    {
        var e = Assert.Throws<ModelFormatException>(() => TfLiteModelReader.Read(TestFlatBuffer.Write(ModelTable(), "TFL2")));
        Assert.Contains("TFL3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_schema_version_is_unsupported()
    {
        var e = Assert.Throws<UnsupportedModelException>(() => TfLiteModelReader.Read(Bytes(ModelTable(version: 2))));
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_full_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "model.tflite");
        var e = Assert.Throws<FileNotFoundException>(() => TfLiteModelReader.Read(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.FileName);
    }

    [Theory]
    [InlineData(0, 0, 0)]   // old writers: only the int8 field
    [InlineData(4, 4, 4)]
    [InlineData(124, 124, 124)]
    [InlineData(127, 150, 150)] // codes above 126: the int8 field holds the placeholder 127
    [InlineData(0, 124, 124)]
    public void The_builtin_code_is_the_larger_of_the_two_fields(sbyte deprecated, int extended, int expected)
    {
        // Ops other than ADD carry no AddOptions; drop the options for this check.
        var subgraph = Subgraph(operators: [Operator(0, [0, 1], [2])]);

        TfLiteModel read = TfLiteModelReader.Read(Bytes(ModelTable(codes: [OperatorCode(deprecated, extended)], subgraphs: [subgraph])));

        Assert.Equal((BuiltinOperator)expected, read.OperatorCodes[0].Builtin);
        Assert.Equal(1, read.OperatorCodes[0].Version);
    }

    [Fact]
    public void A_custom_code_without_a_name_is_rejected()
    {
        var e = Rejects(ModelTable(codes: [OperatorCode(32)], subgraphs: [Subgraph(operators: [Operator(0, [0], [2])])]));
        Assert.Contains("custom_code", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_opcode_index_past_the_operator_codes_is_rejected()
    {
        var e = Rejects(ModelTable(subgraphs: [Subgraph(operators: [Operator(1, [0, 1], [2])])]));
        Assert.Contains("subgraph 0 operator 0: opcode_index 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0, 3 }, new[] { 2 }, "inputs[1] = 3")]
    [InlineData(new[] { 0, -2 }, new[] { 2 }, "inputs[1] = -2")]
    [InlineData(new[] { 0, 1 }, new[] { -1 }, "outputs[0] = -1")]
    public void Operator_tensor_indices_must_exist_and_only_inputs_may_be_omitted(int[] inputs, int[] outputs, string expected)
    {
        var e = Rejects(ModelTable(subgraphs: [Subgraph(operators: [Operator(0, inputs, outputs)])]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_omitted_optional_input_is_accepted()
    {
        TfLiteModel model = TfLiteModelReader.Read(Bytes(ModelTable(subgraphs: [Subgraph(operators: [Operator(0, [0, -1], [2])])])));
        Assert.Equal([0, -1], model.Subgraphs[0].Operators[0].Inputs);
    }

    [Fact]
    public void Graph_inputs_must_be_tensors()
    {
        var e = Rejects(ModelTable(subgraphs: [Subgraph(inputs: [5])]));
        Assert.Contains("inputs[0] = 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buffer_index_past_the_buffers_is_rejected()
    {
        var e = Rejects(ModelTable(subgraphs: [Subgraph(tensors: [Tensor([1, 2]), Tensor([2], buffer: 9, name: "w"), Tensor([1, 2])])]));
        Assert.Contains("tensor 1 'w': buffer index 9", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 3 }, "buffer holds 8 bytes but 3 elements of Float32 need 12")]
    [InlineData(new[] { 2, -1 }, "negative dimension")]
    [InlineData(new[] { 65536, 65536 }, "more than 2147483647 elements")]
    public void Constant_tensor_shapes_must_match_their_data(int[] shape, string expected)
    {
        var e = Rejects(ModelTable(subgraphs: [Subgraph(tensors: [Tensor([1, 2]), Tensor(shape, buffer: 1, name: "w"), Tensor([1, 2])])]));
        Assert.Contains("tensor 1 'w'", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData((sbyte)-3, typeof(ModelFormatException))]
    [InlineData((sbyte)40, typeof(ModelFormatException))]
    [InlineData((sbyte)12, typeof(UnsupportedModelException))]
    public void Tensor_types_outside_the_schema_are_malformed_and_later_ones_unsupported(sbyte type, Type exception)
    {
        var model = ModelTable(subgraphs: [Subgraph(tensors: [Tensor([1, 2], type: type), Tensor([2], buffer: 1), Tensor([1, 2])])]);
        Exception? e = Record.Exception(() => TfLiteModelReader.Read(Bytes(model)));
        Assert.IsType(exception, e);
    }

    [Fact]
    public void Options_of_the_wrong_union_member_are_rejected()
    {
        var conv = new FbTable((0, (sbyte)0), (1, 1), (2, 1));
        var e = Rejects(ModelTable(subgraphs: [Subgraph(operators: [Operator(0, [0, 1], [2], optionsType: 1, options: conv)])]));
        Assert.Contains("builtin_options_type 1 is not the options type 11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conv2D_options_use_schema_defaults_and_reject_zero_strides()
    {
        var codes = new FbNode[] { OperatorCode(3) };
        var good = new FbTable((0, (sbyte)1), (1, 2), (2, 3), (3, (sbyte)3));
        TfLiteModel model = TfLiteModelReader.Read(Bytes(ModelTable(codes: codes,
            subgraphs: [Subgraph(operators: [Operator(0, [0, 1], [2], optionsType: 1, options: good)])])));
        Assert.Equal(new Conv2DOptions(Padding.Valid, 2, 3, FusedActivation.Relu6, 1, 1), model.Subgraphs[0].Operators[0].Options);

        var zeroStride = new FbTable((0, (sbyte)0), (1, 0), (2, 1));
        var e = Rejects(ModelTable(codes: codes,
            subgraphs: [Subgraph(operators: [Operator(0, [0, 1], [2], optionsType: 1, options: zeroStride)])]));
        Assert.Contains("stride_w 0 must be positive", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_this_reader_does_not_parse_are_kept_by_union_number()
    {
        var codes = new FbNode[] { OperatorCode(6) };
        TfLiteModel model = TfLiteModelReader.Read(Bytes(ModelTable(codes: codes,
            subgraphs: [Subgraph(operators: [Operator(0, [1], [2], optionsType: 38, options: new FbTable())])])));
        Assert.Equal(new UnparsedOptions(38), model.Subgraphs[0].Operators[0].Options);
    }

    [Fact]
    public void Custom_options_are_sliced_from_the_file()
    {
        var codes = new FbNode[] { OperatorCode(32, custom: "MyOp", version: 2) };
        TfLiteModel model = TfLiteModelReader.Read(Bytes(ModelTable(codes: codes,
            subgraphs: [Subgraph(operators: [Operator(0, [0], [2], customOptions: [1, 2, 3])])])));

        Assert.Equal("custom 'MyOp' v2", model.OperatorCodes[0].ToString());
        Assert.Equal([1, 2, 3], model.Subgraphs[0].Operators[0].CustomOptions.ToArray());
    }

    [Fact]
    public void A_model_without_subgraphs_is_rejected()
    {
        var e = Rejects(ModelTable(subgraphs: []));
        Assert.Contains("no subgraph", e.Message, StringComparison.Ordinal);
    }
}
