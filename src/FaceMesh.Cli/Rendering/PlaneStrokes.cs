using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        var shape = new StrokeShape(direction, reach, reachSquared, solidSquared, peak, repeats);
        Span<int> weights = stackalloc int[Lanes];
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
            if (Vector256.IsHardwareAccelerated)
                RowEightAtATime(target, shape, rowStart, firstColumn, lastColumn, dx, dy, projection, projectionStep, weights);
            else
                Row(target, shape, rowStart, firstColumn, lastColumn, dx, dy, projection, projectionStep);
        }
    }

    private const int Lanes = 8;

    private readonly record struct StrokeShape(Vector2 Direction, float Reach, float ReachSquared, float SolidSquared, float Peak, int Repeats);

    private static void Row(in PlaneTarget target, in StrokeShape shape, int rowStart, int firstColumn, int lastColumn,
        float dx, float dy, float projection, float projectionStep)
    {
        for (int x = firstColumn; x <= lastColumn; x++, dx += 1f, projection += projectionStep)
        {
            float t = Math.Clamp(projection, 0f, 1f);
            float ex = dx - t * shape.Direction.X, ey = dy - t * shape.Direction.Y;
            float distanceSquared = ex * ex + ey * ey;
            if (distanceSquared >= shape.ReachSquared) continue;
            float coverage = distanceSquared <= shape.SolidSquared ? 1f : MathF.Min(shape.Reach - MathF.Sqrt(distanceSquared), 1f);
            Blend(target, rowStart + x, coverage * shape.Peak, shape.Repeats);
        }
    }

    /// <summary>
    /// <see cref="Row"/> eight pixels at a time, bit for bit: every lane does the
    /// same IEEE single-precision operations in the same order (no fused multiply-adds), and the
    /// per-pixel offsets are still accumulated one addition at a time, because <c>dx + 1 + 1</c>
    /// does not always round like <c>dx + 2</c>. The blend has no per-pixel branch (weight 0 leaves
    /// a pixel unchanged): a stroke's edge pixels made the old per-pixel skip unpredictable.
    /// </summary>
    private static void RowEightAtATime(in PlaneTarget target, in StrokeShape shape, int rowStart, int firstColumn, int lastColumn,
        float dx, float dy, float projection, float projectionStep, Span<int> weights)
    {
        Vector256<float> one = Vector256<float>.One;
        Vector256<float> directionX = Vector256.Create(shape.Direction.X), directionY = Vector256.Create(shape.Direction.Y);
        Vector256<float> ey0 = Vector256.Create(dy), reach = Vector256.Create(shape.Reach), peak = Vector256.Create(shape.Peak);
        Vector256<float> reachSquared = Vector256.Create(shape.ReachSquared), solidSquared = Vector256.Create(shape.SolidSquared);
        for (int x = firstColumn; x <= lastColumn; x += Lanes)
        {
            // Built from registers, not stored then reloaded: a vector load of eight scalar stores stalls.
            float dx1 = dx + 1f, dx2 = dx1 + 1f, dx3 = dx2 + 1f, dx4 = dx3 + 1f, dx5 = dx4 + 1f, dx6 = dx5 + 1f, dx7 = dx6 + 1f;
            float p1 = projection + projectionStep, p2 = p1 + projectionStep, p3 = p2 + projectionStep, p4 = p3 + projectionStep,
                p5 = p4 + projectionStep, p6 = p5 + projectionStep, p7 = p6 + projectionStep;
            Vector256<float> offsets = Vector256.Create(dx, dx1, dx2, dx3, dx4, dx5, dx6, dx7);
            Vector256<float> projections = Vector256.Create(projection, p1, p2, p3, p4, p5, p6, p7);
            dx = dx7 + 1f;
            projection = p7 + projectionStep;
            // Clamp's -0 can come out +0 here; it only flips the sign of a zero that is then squared.
            Vector256<float> t = Vector256.MinNative(Vector256.MaxNative(projections, Vector256<float>.Zero), one);
            Vector256<float> ex = offsets - t * directionX, ey = ey0 - t * directionY;
            Vector256<float> distanceSquared = ex * ex + ey * ey;
            Vector256<float> coverage = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(distanceSquared, solidSquared), one,
                Vector256.MinNative(reach - Vector256.Sqrt(distanceSquared), one)) * peak;
            if (shape.Repeats > 1)
            {
                Vector256<float> uncovered = one - coverage, remaining = uncovered;
                for (int i = 1; i < shape.Repeats; i++) remaining *= uncovered;
                coverage = one - remaining;
            }
            Vector256<int> weight = Vector256.ConvertToInt32Native(coverage * Vector256.Create(256f) + Vector256.Create(0.5f));
            // Pixels at or beyond the reach (and NaN distances) get no weight, as the scalar loop skips them.
            weight &= Vector256.LessThan(distanceSquared, reachSquared).AsInt32();
            int count = Math.Min(Lanes, lastColumn - x + 1);
            // Lanes past the row's last column get weight 0, which leaves a pixel as it is.
            weight &= Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count));
            weight = Vector256.Min(Vector256.Max(weight, Vector256<int>.Zero), Vector256.Create(256));
            if (x + Lanes <= target.Width) target.BlendEight(rowStart + x, weight);
            else
            {
                weight.CopyTo(weights);
                for (int i = 0; i < count; i++) target.Blend(rowStart + x + i, weights[i]);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
