namespace FaceMesh.Effects;

/// <summary>Which parts of a face mesh <see cref="MeshPainter"/> draws.</summary>
[Flags]
public enum MeshLayers
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary>The full wire-frame (2556 edges).</summary>
    Tesselation = 1,
    /// <summary>Lips, eyes, eyebrows and face oval, coloured per feature.</summary>
    Contours = 2,
    /// <summary>Iris rings; drawn only for refined (478-point) landmarks.</summary>
    Irises = 4,
    /// <summary>A dot at every landmark.</summary>
    Points = 8,
    /// <summary>Wire-frame, contours and irises: MediaPipe's usual drawing.</summary>
    Default = Tesselation | Contours | Irises,
}
