using System.Numerics;

namespace FaceMesh.Effects;

/// <summary>Liang-Barsky clipping of a segment to a rectangle, computed in double precision.</summary>
internal static class SegmentClipper
{
    /// <returns>False when no part of the segment is inside the rectangle.</returns>
    public static bool Clip(ref Vector2 start, ref Vector2 end, float left, float top, float right, float bottom)
    {
        double x0 = start.X, y0 = start.Y, dx = (double)end.X - x0, dy = (double)end.Y - y0;
        double enter = 0, leave = 1;
        if (!Edge(-dx, x0 - left, ref enter, ref leave) || !Edge(dx, right - x0, ref enter, ref leave)
            || !Edge(-dy, y0 - top, ref enter, ref leave) || !Edge(dy, bottom - y0, ref enter, ref leave))
            return false;
        Vector2 clippedStart = new((float)(x0 + enter * dx), (float)(y0 + enter * dy));
        Vector2 clippedEnd = new((float)(x0 + leave * dx), (float)(y0 + leave * dy));
        // Untouched ends stay bit-identical so round caps inside the image are exact.
        if (enter > 0) start = clippedStart;
        if (leave < 1) end = clippedEnd;
        return true;
    }

    /// <summary>One boundary: p is the direction component toward outside, q the distance inside.</summary>
    private static bool Edge(double p, double q, ref double enter, ref double leave)
    {
        if (p == 0) return q >= 0;
        double t = q / p;
        if (p < 0)
        {
            if (t > leave) return false;
            if (t > enter) enter = t;
        }
        else
        {
            if (t < enter) return false;
            if (t < leave) leave = t;
        }
        return true;
    }
}
