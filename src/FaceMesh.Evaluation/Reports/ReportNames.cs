using System.Globalization;

namespace FaceMesh.Evaluation;

/// <summary>File names and number formats shared by the report writers.</summary>
public static class ReportNames
{
    public const string Json = "report.json";
    public const string Markdown = "report.md";
    public const string FacesCsv = "faces.csv";

    /// <summary><c>ced-attention478-tracking</c>: the CED plot of one run, without extension.</summary>
    public static string CurvePlot(string runKey) => "ced-" + runKey.Replace('/', '-');

    public static string FormatName(AnnotationFormat format) => format == AnnotationFormat.Pts ? "pts" : "mp-json";

    /// <summary>A fraction of IOD as a percentage with 2 decimals, "-" when undefined.</summary>
    public static string Percent(double fraction) => double.IsFinite(fraction) ? (100 * fraction).ToString("F2", CultureInfo.InvariantCulture) : "-";

    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    /// <summary>Percentages in report.json: 4 decimals, null when undefined (JSON has no NaN).</summary>
    public static double? JsonPercent(double fraction) => double.IsFinite(fraction) ? Math.Round(100 * fraction, 4) : null;

    public static double? JsonNumber(double value, int decimals = 4) => double.IsFinite(value) ? Math.Round(value, decimals) : null;

    public const string ApproximateNote =
        "brows and jaw (and therefore all 68) go through approximate MediaPipe-to-iBUG correspondences: they measure the mapping as much as the model; the 7-point core is the fair headline";
}
