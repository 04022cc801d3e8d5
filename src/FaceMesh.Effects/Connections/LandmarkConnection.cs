namespace FaceMesh.Effects;

/// <summary>An undirected edge between two landmark indices, drawn as a line.</summary>
public readonly record struct LandmarkConnection(int Start, int End);
