using FaceMesh.Models;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>Facts about the shipped models, from custom_ops.md section 6 and landmarks.md.</summary>
public sealed class RealModelTests
{
    [Theory]
    [MemberData(nameof(ModelFiles.All), MemberType = typeof(ModelFiles))]
    public void Every_model_parses_as_schema_3_with_one_subgraph(MediaPipeModel file)
    {
        TfLiteModel model = ModelFiles.Read(file);

        Assert.Equal(3, model.Version);
        Assert.Single(model.Subgraphs);
    }

    [Theory]
    [InlineData(MediaPipeModel.FaceDetectionShortRange, 250, 164, "keras2tflite_facedetector-front.tflite.generated")]
    [InlineData(MediaPipeModel.FaceDetectionFullRange, 577, 388, "MLIR Converted.")]
    [InlineData(MediaPipeModel.FaceLandmark, 327, 210, "facemesh-lite.tflite.no_meta")]
    [InlineData(MediaPipeModel.FaceLandmarkWithAttention, 1096, 712,
        "keras2tflite_facemesh_irises_faceflag-lite_roifrommesh_lips_eyes_irises-2020_08_28-v0.tflite.generated")]
    public void Tensor_and_operator_counts_and_description_match_the_spec(MediaPipeModel file, int tensors, int operators,
        string description)
    {
        TfLiteModel model = ModelFiles.Read(file);

        Assert.Equal(tensors, model.Subgraphs[0].Tensors.Count);
        Assert.Equal(operators, model.Subgraphs[0].Operators.Count);
        Assert.Equal(description, model.Description);
    }

    [Theory]
    [InlineData(MediaPipeModel.FaceDetectionShortRange, "input", new[] { 1, 128, 128, 3 })]
    [InlineData(MediaPipeModel.FaceDetectionFullRange, "input_1", new[] { 1, 192, 192, 3 })]
    [InlineData(MediaPipeModel.FaceLandmark, "input_1", new[] { 1, 192, 192, 3 })]
    [InlineData(MediaPipeModel.FaceLandmarkWithAttention, "input_1", new[] { 1, 192, 192, 3 })]
    public void The_single_input_is_a_float32_image(MediaPipeModel file, string name, int[] shape)
    {
        Subgraph graph = ModelFiles.Read(file).Subgraphs[0];

        TensorInfo input = graph.Tensors[Assert.Single(graph.Inputs)];
        Assert.Equal(name, input.Name);
        Assert.Equal(shape, input.Shape);
        Assert.Equal(TensorType.Float32, input.Type);
    }

    public static TheoryData<MediaPipeModel, string[]> Outputs => new()
    {
        { MediaPipeModel.FaceDetectionShortRange, ["regressors [1,896,16]", "classificators [1,896,1]"] },
        { MediaPipeModel.FaceDetectionFullRange, ["Identity [1,2304,16]", "Identity_1 [1,2304,1]"] },
        { MediaPipeModel.FaceLandmark, ["conv2d_21 [1,1,1,1404]", "conv2d_31 [1,1,1,1]"] },
        {
            MediaPipeModel.FaceLandmarkWithAttention,
            [
                "output_mesh_identity [1,1,1,1404]", "output_lips [1,1,1,160]", "output_left_eye [1,1,1,142]",
                "output_right_eye [1,1,1,142]", "output_left_iris [1,1,1,10]", "output_right_iris [1,1,1,10]",
                "conv_faceflag [1,1,1,1]",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Outputs_have_the_documented_names_and_shapes_in_order(MediaPipeModel file, string[] expected)
    {
        Subgraph graph = ModelFiles.Read(file).Subgraphs[0];

        string[] actual = graph.Outputs
            .Select(i => graph.Tensors[i])
            .Select(t => $"{t.Name} [{string.Join(",", t.Shape)}]")
            .ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(ModelFiles.All), MemberType = typeof(ModelFiles))]
    public void Constant_tensors_are_float16_weights_or_int32_parameters_and_activations_float32(MediaPipeModel file)
    {
        TfLiteModel model = ModelFiles.Read(file);

        foreach (TensorInfo tensor in model.Subgraphs[0].Tensors)
        {
            bool constant = !model.Buffers[tensor.Buffer].IsEmpty;
            if (constant)
            {
                Assert.Contains(tensor.Type, new[] { TensorType.Float16, TensorType.Int32 });
            }
            else if (tensor.Type != TensorType.Float16)
            {
                // Only the sparse model's DENSIFY outputs are non-constant FLOAT16.
                Assert.Equal(TensorType.Float32, tensor.Type);
            }
        }
    }

    [Fact]
    public void Buffer_0_is_the_empty_sentinel()
    {
        foreach (MediaPipeModel file in ModelFiles.TfLiteModels)
        {
            Assert.True(ModelFiles.Read(file).Buffers[0].IsEmpty, file.ToString());
        }
    }

    [Fact]
    public void Custom_operator_codes_of_the_attention_model_are_named_and_version_2()
    {
        TfLiteModel model = ModelFiles.Read(MediaPipeModel.FaceLandmarkWithAttention);

        string[] custom = model.OperatorCodes
            .Where(c => c.Builtin == BuiltinOperator.Custom)
            .Select(c => $"{c.CustomCode} v{c.Version}")
            .ToArray();
        Assert.Equal(["Landmarks2TransformMatrix v2", "TransformTensorBilinear v2", "TransformLandmarks v2"], custom);
    }

    [Fact]
    public void A_model_file_reads_the_same_as_its_bytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"facemesh-reader-{Guid.NewGuid():N}.tflite");
        File.WriteAllBytes(path, ModelFiles.Bytes(MediaPipeModel.FaceDetectionShortRange));
        try
        {
            TfLiteModel model = TfLiteModelReader.Read(path);
            Assert.Equal(164, model.Subgraphs[0].Operators.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
