namespace FaceMesh.Runtime;

/// <summary>A graph input or output: its name in the model, its tensor index and its static shape.</summary>
public sealed record TensorDescription(string Name, int Index, IReadOnlyList<int> Shape)
{
    /// <summary>Number of float elements (product of the shape).</summary>
    public int ElementCount { get; } = Shape.Aggregate(1, (a, b) => a * b);
}
