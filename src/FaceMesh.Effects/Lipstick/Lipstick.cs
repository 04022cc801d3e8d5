using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// Virtual lipstick. The lip band (outer lip contour minus the mouth opening) becomes a soft-edged
/// mask; inside it the colour is replaced in linear light by the lipstick's chromaticity while each
/// pixel keeps its luminance relative to the lip mean, so creases, shading and highlights survive.
/// Pixels outside the band are never written. Deterministic for equal inputs.
/// </summary>
public static class Lipstick
{
    private const float FeatherFractionOfLipWidth = 0.018f;

    /// <param name="image">Modified in place.</param>
    /// <param name="landmarks">One face's 468 or 478 landmarks in pixel coordinates of <paramref name="image"/>
    /// (pixel (i, j) spans [i, i+1) x [j, j+1)).</param>
    /// <param name="color">The lipstick colour as it should look on well-lit lips.</param>
    /// <param name="opacity">0 leaves the image untouched, 1 is full coverage.</param>
    public static void Apply(ImageBuffer image, ReadOnlySpan<Vector2> landmarks, Rgb color, float opacity, LipstickOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (landmarks.Length is not (MeshPainter.LandmarkCount or MeshPainter.RefinedLandmarkCount))
            throw new ArgumentException($"Expected {MeshPainter.LandmarkCount} or {MeshPainter.RefinedLandmarkCount} landmarks, got {landmarks.Length}.", nameof(landmarks));
        if (float.IsNaN(opacity) || opacity < 0 || opacity > 1)
            throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "Opacity must be between 0 and 1.");
        options ??= new LipstickOptions();
        if (opacity == 0) return;

        Span<Vector2> ringA = stackalloc Vector2[LipRings.Rings[0].Length];
        Span<Vector2> ringB = stackalloc Vector2[LipRings.Rings[1].Length];
        if (!Gather(landmarks, LipRings.Rings[0].AsSpan(), ringA) || !Gather(landmarks, LipRings.Rings[1].AsSpan(), ringB)) return;
        bool aIsOuter = MathF.Abs(SignedArea(ringA)) >= MathF.Abs(SignedArea(ringB));
        ReadOnlySpan<Vector2> outer = aIsOuter ? ringA : ringB, inner = aIsOuter ? ringB : ringA;

        (Vector2 min, Vector2 max) = Bounds(outer);
        float lipWidth = MathF.Max(max.X - min.X, max.Y - min.Y);
        float sigma = FeatherFractionOfLipWidth * lipWidth * options.Feather;
        int left = Math.Max(0, (int)MathF.Floor(min.X) - 1), top = Math.Max(0, (int)MathF.Floor(min.Y) - 1);
        int right = Math.Min(image.Width, (int)MathF.Ceiling(max.X) + 1), bottom = Math.Min(image.Height, (int)MathF.Ceiling(max.Y) + 1);
        if (right <= left || bottom <= top) return; // lips entirely off-image

        using var mask = new CoverageMask(left, top, right - left, bottom - top);
        BandRasterizer.Fill(mask, outer, inner);
        MaskFeather.Apply(mask, sigma);
        LipColorTransfer.Apply(image, mask, color, opacity, options);
    }

    /// <inheritdoc cref="Apply(ImageBuffer, ReadOnlySpan{Vector2}, Rgb, float, LipstickOptions?)"/>
    public static void Apply(ImageBuffer image, ReadOnlySpan<Vector3> landmarks, Rgb color, float opacity, LipstickOptions? options = null)
    {
        if (landmarks.Length is not (MeshPainter.LandmarkCount or MeshPainter.RefinedLandmarkCount))
            throw new ArgumentException($"Expected {MeshPainter.LandmarkCount} or {MeshPainter.RefinedLandmarkCount} landmarks, got {landmarks.Length}.", nameof(landmarks));
        Span<Vector2> points = stackalloc Vector2[landmarks.Length];
        for (int i = 0; i < landmarks.Length; i++) points[i] = new Vector2(landmarks[i].X, landmarks[i].Y);
        Apply(image, points, color, opacity, options);
    }

    private static bool Gather(ReadOnlySpan<Vector2> landmarks, ReadOnlySpan<int> indices, Span<Vector2> points)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            Vector2 p = landmarks[indices[i]];
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) return false;
            points[i] = p;
        }
        return true;
    }

    private static float SignedArea(ReadOnlySpan<Vector2> ring)
    {
        float twice = 0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++) twice += ring[j].X * ring[i].Y - ring[i].X * ring[j].Y;
        return twice / 2;
    }

    private static (Vector2 Min, Vector2 Max) Bounds(ReadOnlySpan<Vector2> ring)
    {
        Vector2 min = ring[0], max = ring[0];
        foreach (Vector2 p in ring) { min = Vector2.Min(min, p); max = Vector2.Max(max, p); }
        return (min, max);
    }
}
