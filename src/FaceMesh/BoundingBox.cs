namespace FaceMesh;

/// <summary>An axis-aligned box: left, top, width, height (normalised or pixels, as the property that returns it says).</summary>
public readonly record struct BoundingBox(float XMin, float YMin, float Width, float Height)
{
    /// <summary>Right edge: <see cref="XMin"/> + <see cref="Width"/>.</summary>
    public float XMax => XMin + Width;
    /// <summary>Bottom edge: <see cref="YMin"/> + <see cref="Height"/>.</summary>
    public float YMax => YMin + Height;
}
