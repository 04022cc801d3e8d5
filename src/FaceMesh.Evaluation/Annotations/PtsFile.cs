using System.Globalization;
using System.Numerics;
using System.Text;

namespace FaceMesh.Evaluation;

/// <summary>
/// Reads and writes iBUG / 300-W <c>.pts</c> files (<c>version: 1</c>, <c>n_points: 68</c>, points between braces).
/// </summary>
/// <remarks>
/// 300-W's coordinates are 1-based: (1, 1) is the centre of the image's first pixel (the Matlab
/// convention its annotation tools used). FaceMesh's pixel coordinates have their origin at the
/// top-left <em>corner</em> of the first pixel, whose centre is therefore (0.5, 0.5). So
/// <c>x_ours = x_pts - 0.5</c> (and the same for y); <see cref="Read"/> applies it, <see cref="Write"/> undoes it.
/// (Tools with 0-based pixel-centre coordinates, e.g. menpo or OpenCV's <c>cv::Point2f</c> on pixel
/// centres, subtract 1 instead; the half-pixel between them is ours, not an error.)
/// </remarks>
public static class PtsFile
{
    /// <summary>Added to 300-W's coordinates to obtain FaceMesh's (origin at the first pixel's corner).</summary>
    public const float ToPixelCorner = -0.5f;

    /// <exception cref="AnnotationFormatException">The file is not a well-formed 68-point .pts.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Vector2[] Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        int line = 0;
        int declared = -1;
        // Header lines ("version: 1", "n_points: 68") until the opening brace.
        for (; line < lines.Length; line++)
        {
            string text = lines[line].Trim();
            if (text.Length == 0) continue;
            if (text == "{") break;
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) throw new AnnotationFormatException(path, line + 1, $"expected a 'name: value' header or '{{', found '{Shorten(text)}'");
            string name = text[..colon].Trim();
            string value = text[(colon + 1)..].Trim();
            if (name == "n_points" && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out declared))
                throw new AnnotationFormatException(path, line + 1, $"n_points is not an integer: '{Shorten(value)}'");
        }
        if (line >= lines.Length) throw new AnnotationFormatException(path, "no '{' opening the point list");
        if (declared != Ibug68Correspondence.PointCount)
            throw new AnnotationFormatException(path, declared < 0
                ? "no 'n_points' header"
                : $"n_points is {declared}; the iBUG markup has {Ibug68Correspondence.PointCount}");

        var points = new List<Vector2>(Ibug68Correspondence.PointCount);
        for (line++; line < lines.Length; line++)
        {
            string text = lines[line].Trim();
            if (text.Length == 0) continue;
            if (text == "}")
            {
                if (points.Count != declared)
                    throw new AnnotationFormatException(path, line + 1, $"{points.Count} points between the braces; n_points says {declared}");
                return [.. points];
            }
            string[] parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2
                || !float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float x)
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float y)
                || !float.IsFinite(x) || !float.IsFinite(y))
                throw new AnnotationFormatException(path, line + 1, $"expected two finite numbers 'x y', found '{Shorten(text)}'");
            points.Add(new Vector2(x + ToPixelCorner, y + ToPixelCorner));
        }
        throw new AnnotationFormatException(path, "no '}' closing the point list");
    }

    /// <summary>Writes points given in FaceMesh's pixel coordinates as a 300-W .pts file (1-based, pixel centres).</summary>
    public static void Write(string path, ReadOnlySpan<Vector2> points)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"version: 1\nn_points:  {points.Length}\n{{\n");
        foreach (Vector2 p in points)
            text.Append(CultureInfo.InvariantCulture, $"{p.X - ToPixelCorner:R} {p.Y - ToPixelCorner:R}\n");
        text.Append("}\n");
        byte[] bytes = new UTF8Encoding(false).GetBytes(text.ToString());
        LandmarkReport.WriteReplacing(path, stream => stream.Write(bytes));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
