using FaceMesh.Runtime.Model;

namespace FaceMesh.Cli.Bench;

/// <summary>
/// Splits the attention model's operators into the parts of the Attention Mesh paper's Table 1: every
/// operator belongs to the outputs it leads to. Whatever feeds the mesh (the shared backbone and the
/// mesh head) is "backbone + mesh head"; an operator that leads only to one region's outputs belongs to
/// that region's head.
/// </summary>
internal static class AttentionParts
{
    public const string BackboneAndMesh = "backbone + mesh head";
    public const string Lips = "lips head";
    public const string LeftEye = "left eye & iris head";
    public const string RightEye = "right eye & iris head";
    public const string SharedRegions = "shared region layers";

    /// <summary>Stable JSON key of a part.</summary>
    public static string Key(string part) => part switch
    {
        BackboneAndMesh => "attention.backboneAndMesh",
        Lips => "attention.lips",
        LeftEye => "attention.leftEyeAndIris",
        RightEye => "attention.rightEyeAndIris",
        _ => "attention.sharedRegions",
    };

    /// <summary>Parts in table order.</summary>
    public static readonly string[] Order = [BackboneAndMesh, Lips, LeftEye, RightEye, SharedRegions];

    private static string? HeadOf(string outputName) => outputName switch
    {
        "output_mesh_identity" or "conv_faceflag" => BackboneAndMesh,
        "output_lips" => Lips,
        "output_left_eye" or "output_left_iris" => LeftEye,
        "output_right_eye" or "output_right_iris" => RightEye,
        _ => null,
    };

    /// <summary>The part of each operator of the model's first subgraph, by operator index.</summary>
    /// <exception cref="InvalidOperationException">The model does not have the attention model's outputs.</exception>
    public static string[] OfOperators(TfLiteModel model)
    {
        Subgraph graph = model.Subgraphs[0];
        var heads = new Dictionary<int, string>();
        foreach (int output in graph.Outputs)
            heads[output] = HeadOf(graph.Tensors[output].Name)
                ?? throw new InvalidOperationException($"Unexpected output '{graph.Tensors[output].Name}': not the attention model.");
        var consumers = new Dictionary<int, List<int>>();
        for (int o = 0; o < graph.Operators.Count; o++)
            foreach (int input in graph.Operators[o].Inputs)
                if (input >= 0) (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(o);

        // TFLite stores operators in execution order, so walking backwards sees every consumer first.
        var reach = new HashSet<string>[graph.Operators.Count];
        for (int o = graph.Operators.Count - 1; o >= 0; o--)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (int output in graph.Operators[o].Outputs)
            {
                if (heads.TryGetValue(output, out string? head)) set.Add(head);
                if (consumers.TryGetValue(output, out var users))
                    foreach (int user in users) set.UnionWith(reach[user]);
            }
            reach[o] = set;
        }
        return reach.Select(set => set.Contains(BackboneAndMesh) || set.Count == 0 ? BackboneAndMesh
            : set.Count == 1 ? set.First() : SharedRegions).ToArray();
    }
}
