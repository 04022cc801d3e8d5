using System.Numerics;
using FaceMesh.Effects;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// Anti-aliased lines and dots straight on 8-bit planes, with the coverage rule of
/// <c>FaceMesh.Effects.Draw</c> (a one-pixel ramp on the distance from a pixel's centre to the
/// stroke), so a mesh drawn on a video frame's planes looks like one drawn on RGB without the
/// frame ever being converted. Coordinates are in the plane's pixels; non-finite or absurdly far
/// shapes are skipped, and everything is clipped to the plane.
/// </summary>
internal static class PlaneStrokes
{
    // Far beyond any frame, float distances lose the precision the coverage ramp needs.
    private const float FarAway = 1 << 20;

    /// <param name="repeats">How many identical strokes this one stands for: coverage c becomes 1 - (1 - c)^repeats, what that many blends of one colour give.</param>
    public static void Line(in PlaneTarget target, Vector2 start, Vector2 end, float width, int repeats = 1)
    {
        if (!Usable(start) || !Usable(end) || !(width > 0) || !float.IsFinite(width)) return;
        float reach = width / 2f + 0.5f;
        float peak = MathF.Min(width, 1f);
        int firstRow = Math.Max(0, (int)MathF.Floor(MathF.Min(start.Y, end.Y) - reach));
        int lastRow = Math.Min(target.Height - 1, (int)MathF.Ceiling(MathF.Max(start.Y, end.Y) + reach));
        Vector2 direction = end - start;
        float lengthSquared = direction.LengthSquared();
        float inverseLength = lengthSquared > 0 ? 1f / lengthSquared : 0f;
        float reachSquared = reach * reach;
        float solid = reach - 1f, solidSquared = solid > 0 ? solid * solid : -1f;
        for (int y = firstRow; y <= lastRow; y++)
        {
            float centerY = y + 0.5f;
            if (!SegmentRows.Span(start, end, centerY, reach, out float minX, out float maxX)) continue;
            int firstColumn = Math.Max(0, (int)MathF.Floor(minX - reach));
            int lastColumn = Math.Min(target.Width - 1, (int)MathF.Ceiling(maxX + reach));
            float dy = centerY - start.Y;
            int rowStart = y * target.Width;
            // Along a row the projection onto the segment grows by the same step per pixel.
            float dx = firstColumn + 0.5f - start.X;
            float projection = (dx * direction.X + dy * direction.Y) * inverseLength, projectionStep = direction.X * inverseLength;
            for (int x = firstColumn; x <= lastColumn; x++, dx += 1f, projection += projectionStep)
            {
                float t = Math.Clamp(projection, 0f, 1f);
                float ex = dx - t * direction.X, ey = dy - t * direction.Y;
                float distanceSquared = ex * ex + ey * ey;
                if (distanceSquared >= reachSquared) continue;
                float coverage = distanceSquared <= solidSquared ? 1f : MathF.Min(reach - MathF.Sqrt(distanceSquared), 1f);
                Blend(target, rowStart + x, coverage * peak, repeats);
            }
        }
    }

    /// <summary>A filled disc with an anti-aliased rim.</summary>
    public static void Disc(in PlaneTarget target, Vector2 center, float radius)
    {
        if (!Usable(center) || !(radius > 0) || !float.IsFinite(radius)) return;
        float reach = radius + 0.5f;
        float peak = MathF.Min(2f * radius, 1f);
        int firstRow = Math.Max(0, (int)MathF.Floor(center.Y - reach)), lastRow = Math.Min(target.Height - 1, (int)MathF.Ceiling(center.Y + reach));
        int firstColumn = Math.Max(0, (int)MathF.Floor(center.X - reach)), lastColumn = Math.Min(target.Width - 1, (int)MathF.Ceiling(center.X + reach));
        for (int y = firstRow; y <= lastRow; y++)
        {
            float dy = y + 0.5f - center.Y;
            for (int x = firstColumn; x <= lastColumn; x++)
            {
                float dx = x + 0.5f - center.X;
                float coverage = MathF.Min(reach - MathF.Sqrt(dx * dx + dy * dy), 1f);
                if (coverage > 0) Blend(target, y * target.Width + x, coverage * peak, 1);
            }
        }
    }

    private static void Blend(in PlaneTarget target, int index, float coverage, int repeats)
    {
        if (repeats > 1)
        {
            float uncovered = 1f - coverage, remaining = uncovered;
            for (int i = 1; i < repeats; i++) remaining *= uncovered;
            coverage = 1f - remaining;
        }
        int weight = (int)(coverage * 256f + 0.5f);
        if (weight > 0) target.Blend(index, Math.Min(weight, 256));
    }

    private static bool Usable(Vector2 v) => MathF.Abs(v.X) < FarAway && MathF.Abs(v.Y) < FarAway;
}
