namespace FaceMesh.Tests.Support;

/// <summary>Where a found face lies: the centre and long side of its 468 mesh points' box, in pixels.</summary>
internal static class LandmarkExtent
{
    public static (float X, float Y, float Size) Of(Face face)
    {
        float xMin = float.MaxValue, yMin = float.MaxValue, xMax = float.MinValue, yMax = float.MinValue;
        for (int k = 0; k < 468; k++)
        {
            var p = face.GetPixelLandmark(k);
            (xMin, xMax, yMin, yMax) = (Math.Min(xMin, p.X), Math.Max(xMax, p.X), Math.Min(yMin, p.Y), Math.Max(yMax, p.Y));
        }
        return ((xMin + xMax) / 2, (yMin + yMax) / 2, Math.Max(xMax - xMin, yMax - yMin));
    }
}
