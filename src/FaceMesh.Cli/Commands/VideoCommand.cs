using System.CommandLine;
using System.Diagnostics;
using FaceMesh.Cli.Rendering;
using FaceMesh.Cli.Video;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh video IN -o OUT</c>: tracks faces through a video and writes it back with the mesh
/// and/or lipstick drawn, keeping size, frame rate, frame count and audio.
/// </summary>
internal static class VideoCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Video file (anything ffmpeg reads)" };
        var output = new Option<string>("--output", "-o") { Description = "Video to write (container from the extension, e.g. .mp4, .mkv)", Required = true };
        var draw = new Option<string?>("--draw")
        {
            Description = DrawLayers.Help + ". Default: mesh, or none when --lipstick is given",
        };
        var jsonl = new Option<string?>("--jsonl") { Description = "Also write one JSON line per frame here ('-' = standard output)" };
        var blendshapes = new Option<bool>("--blendshapes") { Description = "Add each face's blendshape scores to the --jsonl lines" };
        var csv = new Option<string?>("--csv") { Description = "Also write the first face's blendshapes and head rotation per frame as a Live Link Face (ARKit) CSV take" };
        var noSmoothing = new Option<bool>("--no-smoothing") { Description = "Return raw landmarks instead of one-euro smoothed ones" };
        var timings = new Option<bool>("--timings") { Description = "Print where the time went (per pipeline stage) on standard error" };
        var lipstick = new LipstickArguments(required: false);
        var common = new CommonOptions();
        var command = new Command("video", "Track faces through a video; draw the mesh and/or lipstick; optionally log landmarks per frame")
        {
            input, output, draw, jsonl, blendshapes, csv, noSmoothing, timings,
        };
        lipstick.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            LipstickChoice? lips = lipstick.Read(parse);
            string layers = parse.GetValue(draw) ?? (lips is null ? "mesh" : "none");
            var settings = new VideoJobSettings(
                parse.GetValue(input)!,
                parse.GetValue(output)!,
                common.ToOptions(parse, RunningMode.Video, smoothing: !parse.GetValue(noSmoothing)) with
                {
                    OutputFaceBlendshapes = parse.GetValue(blendshapes) || parse.GetValue(csv) is not null,
                },
                new FaceRenderer(DrawLayers.Parse(layers), lips),
                parse.GetValue(jsonl))
            {
                LiveLinkCsvPath = parse.GetValue(csv),
            };

            var clock = Stopwatch.StartNew();
            DateTime started = DateTime.UtcNow.AddSeconds(-1);
            VideoJob.Summary summary;
            try
            {
                var job = new VideoJob(settings);
                summary = await job.RunAsync(cancellation).ConfigureAwait(false);
                if (parse.GetValue(timings)) await Console.Error.WriteLineAsync(job.Times.Describe(clock.Elapsed)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped before the first frame (e.g. while the input stalled), nothing was written.
                if (File.Exists(settings.Output) && File.GetLastWriteTimeUtc(settings.Output) >= started)
                    await Console.Error.WriteLineAsync($"stopped; the frames done so far are in {settings.Output}").ConfigureAwait(false);
                throw;
            }
            double seconds = clock.Elapsed.TotalSeconds;
            if (summary.DecodeError is { } damage)
                await Console.Error.WriteLineAsync($"warning: the input ended early ({damage}); every decodable frame was processed").ConfigureAwait(false);
            await Console.Error.WriteLineAsync(
                $"{summary.Frames} frames ({summary.FramesWithFaces} with a face) written to {settings.Output} in {seconds:F1} s ({summary.Frames / Math.Max(seconds, 1e-3):F1} fps)").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
