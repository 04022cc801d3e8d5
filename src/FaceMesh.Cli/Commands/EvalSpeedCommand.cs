using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FaceMesh.Cli.Bench;
using Spectre.Console;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh eval speed</c>: the Attention Mesh paper's Table 1 (ms per inference per model and part) on this runtime, one thread.</summary>
internal static class EvalSpeedCommand
{
    // Table 1 of the Attention Mesh paper (Pixel 2 XL, TFLite GPU), for the ratio only.
    private const double PaperMeshMs = 8.82, PaperAttentionMs = 16.6;

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed inferences per model", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var command = new Command("speed",
            "The Attention Mesh paper's Table 1 on this runtime: mesh-only model, attention model and its parts (backbone + mesh head, each region head), ms per inference on one thread, against the measured FP32 peak")
        {
            runs, json,
        };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(runs);
            if (count < 10) throw new ArgumentException("--runs must be at least 10.");
            SpeedTable.Result result = SpeedTable.Measure(count, TimeSpan.FromSeconds(1));
            if (parse.GetValue(json)) WriteJson(result); else WriteTable(result);
            return 0;
        });
        return command;
    }

    private static double Gflops(SpeedTable.Row row) => row.Flops / (row.Milliseconds * 1e6);

    private static double Ratio(SpeedTable.Result r) =>
        r.Rows.First(x => x.Key == "attention").Milliseconds / r.Rows.First(x => x.Key == "mesh").Milliseconds;

    private static void WriteTable(SpeedTable.Result r)
    {
        var table = new Table().AddColumns("Model", "Inference time (ms, 1 thread)", "GFLOP", "GFLOP/s", "% of FP32 peak");
        foreach (SpeedTable.Row row in r.Rows)
        {
            string name = row.IsPart ? "  of which " + row.Name : row.Name;
            string[] cells = [Markup.Escape(name), F(row.Milliseconds, 3), F(row.Flops / 1e9, 3), F(Gflops(row), 1), F(100 * Gflops(row) / r.PeakGflops, 1)];
            table.AddRow(cells);
        }
        table.Caption(Markup.Escape(
            FormattableString.Invariant($"Median of {r.Runs} inferences; parts = their share of the per-step profile x the attention model's median. ") +
            FormattableString.Invariant($"Measured FP32 peak {r.PeakGflops:F1} GFLOP/s ({r.VectorWidth}-wide FMA, one thread). ") +
            FormattableString.Invariant($"Attention / mesh = {Ratio(r):F2} here, {PaperAttentionMs / PaperMeshMs:F2} in the paper (Pixel 2 XL GPU: 16.6 / 8.82 ms). ") +
            "Shared machines distort absolute times: compare ratios."));
        AnsiConsole.Write(table);
    }

    private static void WriteJson(SpeedTable.Result r)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("threads", 1);
            json.WriteNumber("runs", r.Runs);
            json.WriteNumber("peakGflops", Math.Round(r.PeakGflops, 2));
            json.WriteNumber("vectorWidth", r.VectorWidth);
            json.WriteNumber("attentionOverMesh", Math.Round(Ratio(r), 4));
            json.WriteNumber("paperAttentionOverMesh", Math.Round(PaperAttentionMs / PaperMeshMs, 4));
            json.WriteStartArray("rows");
            foreach (SpeedTable.Row row in r.Rows)
            {
                json.WriteStartObject();
                json.WriteString("key", row.Key);
                json.WriteString("name", row.Name);
                json.WriteBoolean("partOfAttention", row.IsPart);
                json.WriteNumber("ms", Math.Round(row.Milliseconds, 4));
                json.WriteNumber("flops", row.Flops);
                json.WriteNumber("gflopsPerSecond", Math.Round(Gflops(row), 3));
                json.WriteNumber("percentOfPeak", Math.Round(100 * Gflops(row) / r.PeakGflops, 2));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
