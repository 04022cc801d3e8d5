using System.Numerics;

namespace FaceMesh.Effects;

/// <summary>Where a line segment crosses a pixel row: shared by every stroke rasteriser, so strokes on RGB and on 4:2:0 planes cover the same pixels.</summary>
internal static class SegmentRows
{
    /// <summary>
    /// The x extent of the segment where it passes within <paramref name="reach"/> of the row,
    /// so a row only visits pixels near the line instead of the whole bounding box.
    /// </summary>
    public static bool Span(Vector2 a, Vector2 b, float rowY, float reach, out float minX, out float maxX)
    {
        float dy = b.Y - a.Y;
        float t0, t1;
        if (MathF.Abs(dy) < 1e-6f)
        {
            if (MathF.Abs(a.Y - rowY) > reach) { minX = maxX = 0; return false; }
            (t0, t1) = (0f, 1f);
        }
        else
        {
            t0 = (rowY - reach - a.Y) / dy;
            t1 = (rowY + reach - a.Y) / dy;
            if (t0 > t1) (t0, t1) = (t1, t0);
            t0 = MathF.Max(t0, 0f);
            t1 = MathF.Min(t1, 1f);
            if (t0 > t1) { minX = maxX = 0; return false; }
        }
        float x0 = a.X + (b.X - a.X) * t0, x1 = a.X + (b.X - a.X) * t1;
        minX = MathF.Min(x0, x1);
        maxX = MathF.Max(x0, x1);
        return true;
    }
}
