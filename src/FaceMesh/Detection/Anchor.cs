namespace FaceMesh.Detectors;

/// <summary>An SSD anchor: centre and size in normalised tensor coordinates.</summary>
internal readonly record struct Anchor(float XCenter, float YCenter, float Width, float Height);
