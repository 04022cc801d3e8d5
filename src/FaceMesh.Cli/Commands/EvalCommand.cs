using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FaceMesh.Cli.Input;
using FaceMesh.Cli.Progress;
using FaceMesh.Evaluation;
using FaceMesh.Imaging;
using Spectre.Console;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh eval</c>: <c>jitter IMAGE</c> (landmark jitter and error with and without smoothing on a synthetic video),
/// <c>landmarks DATASET</c> (accuracy on annotated photos) and <c>speed</c> (the Attention Mesh paper's Table 1).
/// </summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Measure landmark quality and speed") { CreateJitter(), EvalLandmarksCommand.Create(), EvalSpeedCommand.Create() };

    private static Command CreateJitter()
    {
        var defaults = new JitterOptions();
        var image = new Argument<string>("image") { Description = "Photo with one clearly visible face" };
        var frames = new Option<int>("--frames") { Description = "Frames in the synthetic video", DefaultValueFactory = _ => defaults.Frames };
        var shift = new Option<float>("--shift") { Description = "Peak horizontal shift in pixels (vertical: 60% of it)", DefaultValueFactory = _ => defaults.ShiftAmplitudePixels };
        var rotation = new Option<float>("--rotation") { Description = "Peak rotation in degrees", DefaultValueFactory = _ => defaults.RotationAmplitudeDegrees };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var common = new CommonOptions();
        var command = new Command("jitter",
            "Move a photo along a known sub-pixel path, run video mode with and without smoothing, and report jitter and error in % of the inter-ocular distance (--max-faces is ignored: one face)")
        {
            image, frames, shift, rotation, json,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var options = new JitterOptions
            {
                Frames = parse.GetValue(frames),
                ShiftAmplitudePixels = parse.GetValue(shift),
                RotationAmplitudeDegrees = parse.GetValue(rotation),
                Pipeline = common.ToOptions(parse, RunningMode.Video),
            };
            options.Validate();
            string path = parse.GetValue(image)!;
            using ImageBuffer photo = await InterruptibleRead.ImageAsync(path, cancellation).ConfigureAwait(false);
            JitterReport report = await FrameProgress.RunAsync($"jitter {Path.GetFileName(path)}", options.Frames,
                progress => Task.Run(() => JitterEvaluation.Run(photo.View, options, progress, cancellation), cancellation)).ConfigureAwait(false);
            if (parse.GetValue(json)) WriteJson(path, report); else WriteTable(path, report);
            return 0;
        });
        return command;
    }

    private static void WriteTable(string path, JitterReport r)
    {
        JitterOptions o = r.Options;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path)}: {r.Frames} frames at {o.FrameRate:0.##} fps; shift ±{o.ShiftAmplitudePixels:0.##} px x, ±{0.6f * o.ShiftAmplitudePixels:0.##} px y " +
            $"(≤ {r.LargestShiftPixels:F2} px/frame), rotation ±{o.RotationAmplitudeDegrees:0.##}° (≤ {r.LargestRotationDegrees:F3}°/frame); IOD {r.InterOcularDistancePixels:F1} px")));
        var table = new Table().AddColumns("video mode", "jitter, % IOD", "error, % IOD", "frames with a face");
        table.AddRow("no smoothing", Percent(r.Raw.JitterPercentIod), Percent(r.Raw.ErrorPercentIod), $"{r.Raw.FramesWithFace}/{r.Frames}");
        table.AddRow("smoothing", Percent(r.Smoothed.JitterPercentIod), Percent(r.Smoothed.ErrorPercentIod), $"{r.Smoothed.FramesWithFace}/{r.Frames}");
        AnsiConsole.Write(table);
    }

    private static string Percent(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private static void WriteJson(string path, JitterReport r)
    {
        using Stream stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("image", path);
            json.WriteNumber("frames", r.Frames);
            json.WriteNumber("frameRate", r.Options.FrameRate);
            json.WriteNumber("shiftAmplitudePx", r.Options.ShiftAmplitudePixels);
            json.WriteNumber("rotationAmplitudeDeg", r.Options.RotationAmplitudeDegrees);
            json.WriteNumber("largestShiftPxPerFrame", Math.Round(r.LargestShiftPixels, 4));
            json.WriteNumber("largestRotationDegPerFrame", Math.Round(r.LargestRotationDegrees, 4));
            json.WriteNumber("iodPx", Math.Round(r.InterOcularDistancePixels, 3));
            WriteRun(json, "raw", r.Raw);
            WriteRun(json, "smoothed", r.Smoothed);
            json.WriteEndObject();
        }
        stdout.Write("\n"u8);
    }

    private static void WriteRun(Utf8JsonWriter json, string name, JitterRunResult run)
    {
        json.WriteStartObject(name);
        WriteNumberOrNull(json, "jitterPercentIod", run.JitterPercentIod);
        WriteNumberOrNull(json, "errorPercentIod", run.ErrorPercentIod);
        json.WriteNumber("framesWithFace", run.FramesWithFace);
        json.WriteEndObject();
    }

    // JSON has no NaN: a run that never saw two faced frames reports null.
    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value, 4));
        else json.WriteNull(name);
    }
}
