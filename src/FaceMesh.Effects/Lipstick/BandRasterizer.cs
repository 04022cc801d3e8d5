using System.Numerics;

namespace FaceMesh.Effects;

/// <summary>
/// Area coverage of "inside the outer polygon but not inside the inner polygon" per pixel:
/// exact horizontally (spans are integrated analytically) and supersampled vertically.
/// </summary>
internal static class BandRasterizer
{
    private const int SubRows = 8;
    private const int MaxCrossings = 64;

    public static void Fill(CoverageMask mask, ReadOnlySpan<Vector2> outer, ReadOnlySpan<Vector2> inner)
    {
        Span<float> outerX = stackalloc float[Math.Min(outer.Length, MaxCrossings)];
        Span<float> innerX = stackalloc float[Math.Min(inner.Length, MaxCrossings)];
        Span<float> bothX = stackalloc float[outerX.Length + innerX.Length];
        const float weight = 1f / SubRows;
        for (int y = 0; y < mask.Height; y++)
        {
            Span<float> row = mask.Row(y);
            for (int s = 0; s < SubRows; s++)
            {
                float scanY = mask.Top + y + (s + 0.5f) / SubRows;
                int outerCount = Crossings(outer, scanY, outerX);
                if (outerCount == 0) continue;
                int innerCount = Crossings(inner, scanY, innerX);
                AddSpans(row, mask.Left, outerX[..outerCount], weight);
                int bothCount = Intersect(outerX[..outerCount], innerX[..innerCount], bothX);
                AddSpans(row, mask.Left, bothX[..bothCount], -weight);
            }
        }
        foreach (ref float value in mask.Values) value = Math.Clamp(value, 0f, 1f);
    }

    /// <summary>Sorted x positions where the scanline crosses the polygon; pairs are inside spans (even-odd).</summary>
    private static int Crossings(ReadOnlySpan<Vector2> polygon, float y, Span<float> xs)
    {
        int count = 0;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
        {
            Vector2 a = polygon[j], b = polygon[i];
            if ((a.Y <= y) == (b.Y <= y) || count == xs.Length) continue;
            xs[count++] = a.X + (y - a.Y) / (b.Y - a.Y) * (b.X - a.X);
        }
        count &= ~1; // a capped odd count would pair the wrong crossings
        xs[..count].Sort();
        return count;
    }

    /// <summary>Intersection of two sorted span lists (each as start/end pairs).</summary>
    private static int Intersect(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        int count = 0, i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            float start = MathF.Max(a[i], b[j]), end = MathF.Min(a[i + 1], b[j + 1]);
            if (start < end) { result[count++] = start; result[count++] = end; }
            if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
        }
        return count;
    }

    /// <summary>Adds weight x (covered length) to each pixel the spans overlap.</summary>
    private static void AddSpans(Span<float> row, int left, ReadOnlySpan<float> spans, float weight)
    {
        for (int k = 0; k < spans.Length; k += 2)
        {
            float start = Math.Clamp(spans[k] - left, 0f, row.Length), end = Math.Clamp(spans[k + 1] - left, 0f, row.Length);
            if (!(end > start)) continue;
            int first = (int)start, last = (int)end;
            if (first == last)
            {
                row[first] += (end - start) * weight;
                continue;
            }
            row[first] += (first + 1 - start) * weight;
            for (int x = first + 1; x < last; x++) row[x] += weight;
            if (last < row.Length) row[last] += (end - last) * weight;
        }
    }
}
