using System.Globalization;
using System.Numerics;
using System.Text;
using FaceMesh.Effects;
using FaceMesh.Imaging;

namespace FaceMesh.Evaluation;

/// <summary>
/// The cumulative error curve of one run (7-point core and all 68 points; x = NME in % IOD up to 10 %,
/// y = fraction of annotated faces), as SVG text or drawn into an RGB image for PNG.
/// </summary>
public sealed class CedPlot
{
    public const int Width = 640, Height = 440;
    private const float Left = 64, Right = 24, Top = 40, Bottom = 56;
    private const double Limit = 0.10;

    private static readonly Rgb CoreColor = new(0x1f, 0x77, 0xb4);
    private static readonly Rgb AllColor = new(0xff, 0x7f, 0x0e);
    private static readonly Rgb GridColor = new(0xdd, 0xdd, 0xdd);
    private static readonly Rgb MarkerColor = new(0xb0, 0x20, 0x20);

    private readonly string _title;
    private readonly IReadOnlyList<(double Error, double Fraction)> _core, _all;
    private readonly CurveFigures _coreFigures, _allFigures;

    public CedPlot(LandmarkEvaluation evaluation, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(summary);
        _title = $"{summary.Run}: cumulative error, {summary.Faces} faces";
        int core = evaluation.RegionIndex("core"), all = evaluation.RegionIndex("all68");
        var faces = evaluation.Faces.Where(f => f.Run == summary.Run).ToArray();
        _core = ErrorCurve.Steps(faces.Select(f => f.Error(core)).ToArray(), Limit);
        _all = ErrorCurve.Steps(faces.Select(f => f.Error(all)).ToArray(), Limit);
        _coreFigures = summary.Curve("core");
        _allFigures = summary.Curve("all68");
    }

    private static Vector2 ToPlot(double error, double fraction) => new(
        Left + (float)(error / Limit) * (Width - Left - Right),
        Top + (float)(1 - fraction) * (Height - Top - Bottom));

    public string ToSvg()
    {
        var svg = new StringBuilder();
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Inv($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Inv($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{Escape(_title)}</text>\n"));
        for (int percent = 0; percent <= 10; percent++)
        {
            Vector2 bottom = ToPlot(percent / 100.0, 0), top = ToPlot(percent / 100.0, 1);
            svg.Append(Inv($"<line x1=\"{bottom.X:F1}\" y1=\"{bottom.Y:F1}\" x2=\"{top.X:F1}\" y2=\"{top.Y:F1}\" stroke=\"{GridColor}\"/>\n"));
            svg.Append(Inv($"<text x=\"{bottom.X:F1}\" y=\"{bottom.Y + 16:F1}\" text-anchor=\"middle\">{percent}</text>\n"));
        }
        for (int tenth = 0; tenth <= 10; tenth += 2)
        {
            Vector2 left = ToPlot(0, tenth / 10.0), right = ToPlot(Limit, tenth / 10.0);
            svg.Append(Inv($"<line x1=\"{left.X:F1}\" y1=\"{left.Y:F1}\" x2=\"{right.X:F1}\" y2=\"{right.Y:F1}\" stroke=\"{GridColor}\"/>\n"));
            svg.Append(Inv($"<text x=\"{left.X - 6:F1}\" y=\"{left.Y + 4:F1}\" text-anchor=\"end\">{tenth / 10.0:0.0}</text>\n"));
        }
        Vector2 at8Bottom = ToPlot(0.08, 0), at8Top = ToPlot(0.08, 1);
        svg.Append(Inv($"<line x1=\"{at8Bottom.X:F1}\" y1=\"{at8Bottom.Y:F1}\" x2=\"{at8Top.X:F1}\" y2=\"{at8Top.Y:F1}\" stroke=\"{MarkerColor}\" stroke-dasharray=\"4 3\"/>\n"));
        svg.Append(Inv($"<text x=\"{(Left + Width - Right) / 2:F1}\" y=\"{Height - 14}\" text-anchor=\"middle\">NME (% of inter-ocular distance)</text>\n"));
        svg.Append(Inv($"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2:F1}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2:F1})\">fraction of faces</text>\n"));
        svg.Append(Polyline(_core, CoreColor, ""));
        svg.Append(Polyline(_all, AllColor, " stroke-dasharray=\"6 3\""));
        Legend(svg, 0, CoreColor, $"7-point core: AUC@8 {_coreFigures.Auc8:F3}, AUC@10 {_coreFigures.Auc10:F3}, failures@8 {ReportNames.Percent(_coreFigures.FailureRate8)} %");
        Legend(svg, 1, AllColor, $"all 68 (approximate): AUC@8 {_allFigures.Auc8:F3}, AUC@10 {_allFigures.Auc10:F3}, failures@8 {ReportNames.Percent(_allFigures.FailureRate8)} %");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The same plot drawn with FaceMesh.Effects' anti-aliased lines, labels from a small built-in pixel font (the AUC figures are in the SVG and the reports).</summary>
    public ImageBuffer ToImage()
    {
        var image = new ImageBuffer(Width, Height, PixelFormat.Rgb24);
        image.Span.Fill(255);
        for (int percent = 0; percent <= 10; percent++)
        {
            Vector2 bottom = ToPlot(percent / 100.0, 0);
            Draw.Line(image, bottom, ToPlot(percent / 100.0, 1), GridColor);
            PixelFont.DrawCentered(image, percent.ToString(CultureInfo.InvariantCulture), new Vector2(bottom.X, bottom.Y + 8), 2, Rgb.Black);
        }
        for (int tenth = 0; tenth <= 10; tenth += 2)
        {
            Vector2 left = ToPlot(0, tenth / 10.0);
            Draw.Line(image, left, ToPlot(Limit, tenth / 10.0), GridColor);
            PixelFont.DrawCentered(image, (tenth / 10.0).ToString("0.0", CultureInfo.InvariantCulture), new Vector2(left.X - 22, left.Y - 5), 2, Rgb.Black);
        }
        Draw.Line(image, ToPlot(0.08, 0), ToPlot(0.08, 1), MarkerColor);
        PixelFont.DrawCentered(image, "%", new Vector2(Width - Right - 4, Height - Bottom + 24), 2, Rgb.Black);
        DrawSteps(image, _core, CoreColor);
        DrawSteps(image, _all, AllColor);
        // Legend swatches in the curves' colours (the SVG carries the words).
        Draw.Line(image, new Vector2(Left + 10, Top + 10), new Vector2(Left + 40, Top + 10), CoreColor, 3);
        Draw.Line(image, new Vector2(Left + 10, Top + 26), new Vector2(Left + 40, Top + 26), AllColor, 3);
        PixelFont.DrawCentered(image, "core", new Vector2(Left + 66, Top + 5), 2, Rgb.Black);
        PixelFont.DrawCentered(image, "all 68", new Vector2(Left + 74, Top + 21), 2, Rgb.Black);
        return image;
    }

    private static void DrawSteps(ImageBuffer image, IReadOnlyList<(double Error, double Fraction)> steps, Rgb color)
    {
        for (int i = 1; i < steps.Count; i++)
            Draw.Line(image, ToPlot(steps[i - 1].Error, steps[i - 1].Fraction), ToPlot(steps[i].Error, steps[i].Fraction), color, 2);
    }

    private static string Polyline(IReadOnlyList<(double Error, double Fraction)> steps, Rgb color, string extra)
    {
        var points = string.Join(' ', steps.Select(s => ToPlot(s.Error, s.Fraction)).Select(p => Inv($"{p.X:F2},{p.Y:F2}")));
        return $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{extra} points=\"{points}\"/>\n";
    }

    private static void Legend(StringBuilder svg, int row, Rgb color, string text)
    {
        float y = Top + 10 + 16 * row;
        svg.Append(Inv($"<line x1=\"{Left + 10}\" y1=\"{y}\" x2=\"{Left + 40}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"3\"/>\n"));
        svg.Append(Inv($"<text x=\"{Left + 46}\" y=\"{y + 4}\">{Escape(text)}</text>\n"));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
