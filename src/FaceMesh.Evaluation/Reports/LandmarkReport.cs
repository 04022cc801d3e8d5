using System.Text;
using FaceMesh.Media;
using FaceMesh.Media.Files;

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
        WriteReplacing(json, stream => ReportJsonWriter.Write(evaluation, stream));
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
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        WriteReplacing(path, stream => stream.Write(bytes));
        return path;
    }

    /// <summary>Under a temporary name, renamed over <paramref name="path"/> when complete: an earlier report is never left half-replaced.</summary>
    internal static void WriteReplacing(string path, Action<Stream> write)
    {
        using OutputFile file = OutputFile.Begin(path);
        using (FileStream stream = File.Create(file.WritePath)) write(stream);
        file.Commit();
    }
}
