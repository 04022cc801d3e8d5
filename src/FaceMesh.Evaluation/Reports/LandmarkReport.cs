using System.Text;
using FaceMesh.Media;

namespace FaceMesh.Evaluation;

/// <summary>Writes every report file of an evaluation into one directory.</summary>
public static class LandmarkReport
{
    /// <returns>The files written: report.json, report.md, faces.csv, and per run ced-*.svg and ced-*.png.</returns>
    public static IReadOnlyList<string> Write(LandmarkEvaluation evaluation, string directory)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        string json = Path.Combine(directory, ReportNames.Json);
        using (FileStream stream = File.Create(json)) ReportJsonWriter.Write(evaluation, stream);
        written.Add(json);
        written.Add(WriteText(directory, ReportNames.Markdown, ReportMarkdownWriter.Render(evaluation)));
        written.Add(WriteText(directory, ReportNames.FacesCsv, FaceCsvWriter.Render(evaluation)));
        foreach (RunSummary summary in evaluation.Summaries)
        {
            var plot = new CedPlot(evaluation, summary);
            string stem = ReportNames.CurvePlot(summary.Run);
            written.Add(WriteText(directory, stem + ".svg", plot.ToSvg()));
            string png = Path.Combine(directory, stem + ".png");
            using (var image = plot.ToImage()) ImageFile.Write(image.View, png);
            written.Add(png);
        }
        return written;
    }

    private static string WriteText(string directory, string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
