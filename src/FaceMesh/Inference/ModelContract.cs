using FaceMesh.Models;
using FaceMesh.Runtime;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Inference;

/// <summary>
/// The tensors each pipeline stage reads, checked when a model is loaded: a user-supplied file
/// that is not the model the stage expects fails there, with both shapes in the message, instead
/// of producing garbage or an index error later.
/// </summary>
internal static class ModelContract
{
    private sealed record Expectation(int InputSize, (string? Name, int Index, int Elements)[] Outputs);

    private static Expectation For(MediaPipeModel model) => model switch
    {
        MediaPipeModel.FaceDetectionShortRange => new(128, [(null, 0, 896 * 16), (null, 1, 896)]),
        MediaPipeModel.FaceDetectionFullRange => new(192, [(null, 0, 2304 * 16), (null, 1, 2304)]),
        MediaPipeModel.FaceLandmark => new(192, [(null, 0, 1404), (null, 1, 1)]),
        MediaPipeModel.FaceLandmarkWithAttention => new(192,
        [
            ("output_mesh_identity", -1, 1404), ("output_lips", -1, 160), ("output_left_eye", -1, 142),
            ("output_right_eye", -1, 142), ("output_left_iris", -1, 10), ("output_right_iris", -1, 10),
            ("conv_faceflag", -1, 1),
        ]),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Not an inference model."),
    };

    public static void Verify(MediaPipeModel model, Interpreter interpreter, string source)
    {
        Expectation expected = For(model);
        string what = $"{source} does not fit the {MediaPipeModels.FileName(model)} stage";
        if (interpreter.Inputs.Count != 1)
            throw new UnsupportedModelException($"{what}: it has {interpreter.Inputs.Count} inputs, the stage feeds exactly one.");
        IReadOnlyList<int> shape = interpreter.Inputs[0].Shape;
        int[] want = [1, expected.InputSize, expected.InputSize, 3];
        if (!shape.SequenceEqual(want))
            throw new UnsupportedModelException($"{what}: input shape [{string.Join(",", shape)}], expected [{string.Join(",", want)}].");
        foreach (var (name, index, elements) in expected.Outputs)
        {
            TensorDescription? output = name is null
                ? (index < interpreter.Outputs.Count ? interpreter.Outputs[index] : null)
                : interpreter.Outputs.FirstOrDefault(o => o.Name == name);
            string label = name ?? $"#{index}";
            if (output is null)
                throw new UnsupportedModelException($"{what}: it has no output {label} (outputs: {string.Join(", ", interpreter.Outputs.Select(o => o.Name))}).");
            long count = output.Shape.Aggregate(1L, (a, d) => a * d);
            if (count != elements)
                throw new UnsupportedModelException($"{what}: output {label} has {count} values, expected {elements}.");
        }
    }
}
