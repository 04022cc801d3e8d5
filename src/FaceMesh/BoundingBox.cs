namespace FaceMesh;

/// <summary>An axis-aligned box: left, top, width, height (normalised or pixels, as the property that returns it says).</summary>
public readonly record struct BoundingBox(float XMin, float YMin, float Width, float Height)
{
    public float XMax => XMin + Width;
    public float YMax => YMin + Height;
}
