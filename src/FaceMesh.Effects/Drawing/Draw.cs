using System.Numerics;
using FaceMesh.Imaging;

namespace FaceMesh.Effects;

/// <summary>
/// Anti-aliased primitives. Coordinates are continuous image coordinates in pixels: the pixel
/// (i, j) covers [i, i+1) x [j, j+1), so its centre is (i + 0.5, j + 0.5). Shapes are clipped
/// to the image; anything non-finite is silently skipped, so raw model output can be drawn
/// without checks.
/// </summary>
public static class Draw
{
    /// <summary>
    /// A line with round caps. Each pixel is weighted by how far its centre lies inside the
    /// stroke (a one-pixel ramp), which gives even, width-true anti-aliasing at any angle.
    /// </summary>
    public static void Line(ImageBuffer image, Vector2 start, Vector2 end, Rgb color, float width = 1f, float opacity = 1f)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!IsFinite(start) || !IsFinite(end) || !(width > 0) || !float.IsFinite(width) || !(opacity > 0)) return;
        opacity = MathF.Min(opacity, 1f);
        float radius = width / 2f;
        float reach = radius + 0.5f; // beyond this distance a pixel centre gets no coverage
        // Far-away endpoints would cost float precision in the distance maths; keep only the
        // part of the segment that can touch the image.
        if (!SegmentClipper.Clip(ref start, ref end, -reach, -reach, image.Width + reach, image.Height + reach)) return;
        float peak = MathF.Min(width, 1f) * opacity;
        var blender = new PixelBlender(image.Format, color);
        Vector2 direction = end - start;
        float lengthSquared = direction.LengthSquared();

        int firstRow = ClampToInt(MathF.Floor(MathF.Min(start.Y, end.Y) - reach), 0, image.Height - 1);
        int lastRow = ClampToInt(MathF.Ceiling(MathF.Max(start.Y, end.Y) + reach), 0, image.Height - 1);
        if (MathF.Max(start.Y, end.Y) + reach < 0 || MathF.Min(start.Y, end.Y) - reach > image.Height) return;
        for (int y = firstRow; y <= lastRow; y++)
        {
            float centerY = y + 0.5f;
            if (!SegmentRows.Span(start, end, centerY, reach, out float minX, out float maxX)) continue;
            int firstColumn = ClampToInt(MathF.Floor(minX - reach), 0, image.Width - 1);
            int lastColumn = ClampToInt(MathF.Ceiling(maxX + reach), 0, image.Width - 1);
            if (maxX + reach < 0 || minX - reach > image.Width) continue;
            Span<byte> row = image.Row(y);
            for (int x = firstColumn; x <= lastColumn; x++)
            {
                float distance = DistanceToSegment(new Vector2(x + 0.5f, centerY), start, direction, lengthSquared);
                float coverage = MathF.Min(reach - distance, 1f);
                if (coverage > 0) blender.Blend(row, x, coverage * peak);
            }
        }
    }

    /// <summary>A filled disc with an anti-aliased rim (a landmark dot).</summary>
    public static void Circle(ImageBuffer image, Vector2 center, float radius, Rgb color, float opacity = 1f)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!IsFinite(center) || !(radius > 0) || !float.IsFinite(radius) || !(opacity > 0)) return;
        float reach = radius + 0.5f;
        float peak = MathF.Min(2f * radius, 1f) * MathF.Min(opacity, 1f);
        if (center.X + reach < 0 || center.X - reach > image.Width || center.Y + reach < 0 || center.Y - reach > image.Height) return;
        var blender = new PixelBlender(image.Format, color);
        int firstRow = ClampToInt(MathF.Floor(center.Y - reach), 0, image.Height - 1);
        int lastRow = ClampToInt(MathF.Ceiling(center.Y + reach), 0, image.Height - 1);
        int firstColumn = ClampToInt(MathF.Floor(center.X - reach), 0, image.Width - 1);
        int lastColumn = ClampToInt(MathF.Ceiling(center.X + reach), 0, image.Width - 1);
        for (int y = firstRow; y <= lastRow; y++)
        {
            Span<byte> row = image.Row(y);
            float dy = y + 0.5f - center.Y;
            for (int x = firstColumn; x <= lastColumn; x++)
            {
                float dx = x + 0.5f - center.X;
                float coverage = MathF.Min(reach - MathF.Sqrt(dx * dx + dy * dy), 1f);
                if (coverage > 0) blender.Blend(row, x, coverage * peak);
            }
        }
    }

    private static float DistanceToSegment(Vector2 point, Vector2 start, Vector2 direction, float lengthSquared)
    {
        float t = lengthSquared > 0 ? Math.Clamp(Vector2.Dot(point - start, direction) / lengthSquared, 0f, 1f) : 0f;
        return Vector2.Distance(point, start + direction * t);
    }

    private static bool IsFinite(Vector2 v) => float.IsFinite(v.X) && float.IsFinite(v.Y);

    private static int ClampToInt(float value, int min, int max) =>
        value <= min ? min : value >= max ? max : (int)value;
}
