using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FaceMesh.Cli.Bench;
using FaceMesh.Imaging;
using FaceMesh.Media;
using Spectre.Console;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh bench</c>: the machine's FP32 peak, each model's speed on one thread and on all
/// cores, the full pipeline per 640x480 frame, allocation per frame and working set.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var threads = new Option<int>("--threads") { Description = "Threads for the 'all cores' runs (0 = all cores)", DefaultValueFactory = _ => 0 };
        var frames = new Option<int>("--frames") { Description = "Timed runs per model and frames per pipeline mode", DefaultValueFactory = _ => 200 };
        var image = new Option<string?>("--image") { Description = "Face photo for the pipeline runs (default: astronaut.png from the fixtures)" };
        var still = new Option<string[]>("--still")
        {
            Description = "Only time the pipeline (image mode, refine on, 1 thread) on these images; one JSON line each",
            AllowMultipleArgumentsPerToken = true,
        };
        var drawing = new Option<bool>("--drawing")
        {
            Description = "Only time drawing the mesh on one 1280x720 4:2:0 video frame, on the planes vs through an RGB rectangle (one JSON line)",
        };
        var command = new Command("bench", "Measure speed: FP32 peak, per-model inference, full pipeline, allocations") { json, threads, frames, image, still, drawing };
        command.SetAction((parse, _) =>
        {
            int runs = parse.GetValue(frames);
            if (runs < 10) throw new ArgumentException("--frames must be at least 10.");
            if (parse.GetValue(still) is { Length: > 0 } stills)
            {
                foreach (string path in stills)
                {
                    using ImageBuffer picture = ImageFile.Read(path);
                    Stats timing = StillImageBenchmark.Run(picture.View, runs, threads: 1);
                    Console.WriteLine(JsonSerializer.Serialize(new { image = path, medianMs = Math.Round(timing.Median, 3), minMs = Math.Round(timing.Min, 3) }));
                }
                return Task.FromResult(0);
            }
            if (parse.GetValue(drawing))
            {
                string facePath = parse.GetValue(image) ?? Fixtures.Find("astronaut.png")
                    ?? throw new ArgumentException("No face photo for the drawing runs: pass --image PATH (or run ./test.sh once to fetch the fixtures).");
                using ImageBuffer face = ImageFile.Read(facePath);
                DrawingBenchmark.Result d = DrawingBenchmark.Run(face.View, runs)
                    ?? throw new ArgumentException($"No face found in {facePath}.");
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    frameWidth = d.Width, frameHeight = d.Height,
                    onPlanesMs = Math.Round(d.OnPlanes.Median, 3), onPlanesMinMs = Math.Round(d.OnPlanes.Min, 3),
                    throughRgbRegionMs = Math.Round(d.ThroughRgbRegion.Median, 3), throughRgbRegionMinMs = Math.Round(d.ThroughRgbRegion.Min, 3),
                }));
                return Task.FromResult(0);
            }
            int all = parse.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount;
            string photoPath = parse.GetValue(image) ?? Fixtures.Find("astronaut.png")
                ?? throw new ArgumentException("No face photo for the pipeline runs: pass --image PATH (or run ./test.sh once to fetch the fixtures).");
            bool asJson = parse.GetValue(json);

            Report report = Measure(runs, all, photoPath, asJson);
            if (asJson) WriteJson(report); else WriteTables(report);
            return Task.FromResult(0);
        });
        return command;
    }

    private sealed record Report(double PeakGflops, int VectorBits, IReadOnlyList<ModelBenchmark.Result> Models,
        PipelineBenchmark.Result Pipeline, RetargetingBenchmark.Result Retargeting, int Threads, double WorkingSetMb, double HostParallelism)
    {
        /// <summary>Blendshapes per face and frame on one thread; null when the photo has no face.</summary>
        public BlendshapeBenchmark.Result? Blendshapes { get; init; }
    }

    private static Report Measure(int runs, int threads, string photoPath, bool quiet)
    {
        void Say(string what) { if (!quiet) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(what)}[/]"); }
        Say("measuring FP32 peak of one core...");
        double peak = PeakFlops.MeasureGflops(TimeSpan.FromSeconds(2));
        var models = new List<ModelBenchmark.Result>();
        var parallelism = new List<double>();
        foreach (var (key, model) in ModelBenchmark.Models)
        {
            Say($"timing {key}...");
            parallelism.Add(PeakFlops.ParallelSpeedup(threads));
            models.Add(ModelBenchmark.Run(key, model, runs, threads));
        }
        parallelism.Add(PeakFlops.ParallelSpeedup(threads));
        parallelism.Sort();
        Say("timing the pipeline...");
        using ImageBuffer photo = ImageFile.Read(photoPath);
        PipelineBenchmark.Result pipeline = PipelineBenchmark.Run(photo.View, runs, threads: 1);
        Say("timing the puppeteering retargeting...");
        RetargetingBenchmark.Result retargeting = RetargetingBenchmark.Run(runs);
        Say("timing the blendshape estimate...");
        BlendshapeBenchmark.Result? blendshapes = BlendshapeBenchmark.Run(photo.View, runs);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Report(peak, PeakFlops.VectorWidth * 32, models, pipeline, retargeting, threads, process.PeakWorkingSet64 / (1024.0 * 1024.0),
            parallelism[parallelism.Count / 2])
        {
            Blendshapes = blendshapes,
        };
    }

    private static void WriteJson(Report r)
    {
        using var stdout = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("peakGflopsOneCore", Math.Round(r.PeakGflops, 1));
        json.WriteNumber("vectorBits", r.VectorBits);
        json.WriteNumber("threadsAll", r.Threads);
        json.WriteNumber("hostParallelism", Math.Round(r.HostParallelism, 2));
        json.WriteStartObject("models");
        foreach (ModelBenchmark.Result m in r.Models)
        {
            double gflops1 = m.Flops / (m.OneThread.Median * 1e6);
            json.WriteStartObject(m.Key);
            json.WriteString("file", m.File);
            json.WriteNumber("flops", m.Flops);
            json.WriteNumber("ms1", Math.Round(m.OneThread.Median, 4));
            json.WriteNumber("p90Ms1", Math.Round(m.OneThread.P90, 4));
            json.WriteNumber("minMs1", Math.Round(m.OneThread.Min, 4));
            json.WriteNumber("msAll", Math.Round(m.AllThreads.Median, 4));
            json.WriteNumber("p90MsAll", Math.Round(m.AllThreads.P90, 4));
            json.WriteNumber("minMsAll", Math.Round(m.AllThreads.Min, 4));
            json.WriteNumber("speedupAll", Math.Round(m.OneThread.Median / m.AllThreads.Median, 3));
            json.WriteNumber("gflops1", Math.Round(gflops1, 2));
            json.WriteNumber("gflopsAll", Math.Round(m.Flops / (m.AllThreads.Median * 1e6), 2));
            json.WriteNumber("peakFraction1", Math.Round(gflops1 / r.PeakGflops, 4));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("pipeline");
        json.WriteNumber("imageModeMs", Math.Round(r.Pipeline.ImageMode.Median, 4));
        json.WriteNumber("imageModeP90Ms", Math.Round(r.Pipeline.ImageMode.P90, 4));
        json.WriteNumber("videoModeMs", Math.Round(r.Pipeline.VideoMode.Median, 4));
        json.WriteNumber("videoModeP90Ms", Math.Round(r.Pipeline.VideoMode.P90, 4));
        json.WriteNumber("frameWidth", 640);
        json.WriteNumber("frameHeight", 480);
        json.WriteNumber("faces", r.Pipeline.FacesFound);
        json.WriteEndObject();
        if (r.Blendshapes is { } b)
        {
            json.WriteStartObject("blendshapes");
            json.WriteNumber("estimateMs", Math.Round(b.EstimateOnly.Median, 5));
            json.WriteNumber("estimateP90Ms", Math.Round(b.EstimateOnly.P90, 5));
            json.WriteNumber("withGeometryMs", Math.Round(b.WithGeometry.Median, 5));
            json.WriteNumber("withGeometryP90Ms", Math.Round(b.WithGeometry.P90, 5));
            json.WriteNumber("allocatedBytesPerFace", Math.Round(b.AllocatedBytesPerFace, 1));
            json.WriteEndObject();
        }
        json.WriteNumber("allocatedBytesPerFrame", Math.Round(r.Pipeline.AllocatedBytesPerFrame, 1));
        json.WriteStartObject("retargeting");
        json.WriteNumber("ms", Math.Round(r.Retargeting.PerFrame.Median, 5));
        json.WriteNumber("p90Ms", Math.Round(r.Retargeting.PerFrame.P90, 5));
        json.WriteNumber("minMs", Math.Round(r.Retargeting.PerFrame.Min, 5));
        json.WriteNumber("bandwidth", r.Retargeting.Bandwidth);
        json.WriteNumber("factorEntries", r.Retargeting.FactorEntries);
        json.WriteNumber("allocatedBytesPerFrame", Math.Round(r.Retargeting.AllocatedBytesPerFrame, 1));
        json.WriteEndObject();
        json.WriteNumber("workingSetMb", Math.Round(r.WorkingSetMb, 1));
        json.WriteEndObject();
        json.Flush();
        stdout.Write("\n"u8);
    }

    private static void WriteTables(Report r)
    {
        AnsiConsole.MarkupLine($"FP32 peak, one core ({r.VectorBits}-bit FMA): [bold]{r.PeakGflops:F1} GFLOP/s[/]");
        var table = new Table().AddColumns("model", "MFLOP", "1T median ms", "1T p90 ms", $"{r.Threads}T median ms", "1T GFLOP/s", "of peak");
        foreach (ModelBenchmark.Result m in r.Models)
        {
            double gflops = m.Flops / (m.OneThread.Median * 1e6);
            table.AddRow(m.Key, $"{m.Flops / 1e6:F1}", $"{m.OneThread.Median:F3}", $"{m.OneThread.P90:F3}",
                $"{m.AllThreads.Median:F3}", $"{gflops:F1}", $"{gflops / r.PeakGflops:P0}");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{r.Threads} threads got {r.HostParallelism:F2} cores' worth of FMA throughput at once (median of probes between the models; below {r.Threads} the host was sharing cores)");
        AnsiConsole.MarkupLine($"Pipeline, 640x480, refine on, 1 thread ({r.Pipeline.FacesFound} face): image mode [bold]{r.Pipeline.ImageMode.Median:F2} ms[/], video mode [bold]{r.Pipeline.VideoMode.Median:F2} ms[/] per frame (median)");
        AnsiConsole.MarkupLine($"Puppeteering, Laplacian retargeting onto the canonical avatar, 1 face, 1 thread: [bold]{r.Retargeting.PerFrame.Median:F3} ms[/] per frame (median; p90 {r.Retargeting.PerFrame.P90:F3}, min {r.Retargeting.PerFrame.Min:F3}), {r.Retargeting.AllocatedBytesPerFrame:F0} bytes allocated per frame, {r.Retargeting.FactorEntries} factor entries");
        if (r.Blendshapes is { } b)
            AnsiConsole.MarkupLine($"Blendshapes per face, 1 thread: estimate [bold]{b.EstimateOnly.Median:F4} ms[/], with the face geometry they need [bold]{b.WithGeometry.Median:F4} ms[/] (median); {b.AllocatedBytesPerFace:F0} bytes allocated per face");
        AnsiConsole.MarkupLine($"Managed allocation per steady-state frame: [bold]{r.Pipeline.AllocatedBytesPerFrame:F0} bytes[/]; peak working set {r.WorkingSetMb:F0} MB");
    }
}
