using System.CommandLine;
using System.Diagnostics;
using FaceMesh.Cli.Puppet;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh puppet IN -o OUT</c>: an avatar that takes on the tracked face's expression and head
/// rotation (Laplacian retargeting), rendered for every frame of a video, or for one image.
/// </summary>
internal static class PuppetCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Video (anything ffmpeg reads) or image (.png, .jpg, ...)" };
        var output = new Option<string>("--output", "-o") { Description = "Video to write (an image for an image input)", Required = true };
        var avatar = new Option<string?>("--avatar") { Description = "Avatar mesh in MediaPipe's 468-vertex topology (.obj, .glb, .gltf); default: the canonical face" };
        var texture = new Option<string?>("--texture") { Description = "Image to map onto the avatar through its texture coordinates (e.g. a canonical-UV face texture)" };
        var sideBySide = new Option<bool>("--side-by-side") { Description = "Put the input on the left, the avatar on the right" };
        var gltf = new Option<string?>("--gltf") { Description = "Also write the take as an animated .glb: head rotation, expression as morph-target weights (key meshes of the take)" };
        var csv = new Option<string?>("--csv") { Description = "Also write the face's blendshapes and head rotation per frame as a Live Link Face (ARKit) CSV take, as video --csv does" };
        var noSmoothing = new Option<bool>("--no-smoothing") { Description = "Drive the avatar with raw landmarks instead of one-euro smoothed ones" };
        var common = new CommonOptions();
        var command = new Command("puppet", "Drive an avatar with the tracked face: expression by Laplacian retargeting, head rotation; render it, optionally export glTF and a Live Link CSV")
        {
            input, output, avatar, texture, sideBySide, gltf, csv, noSmoothing,
        };
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            string? glb = parse.GetValue(gltf);
            if (glb is not null && !glb.EndsWith(".glb", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"--gltf writes binary glTF; name the file *.glb (got '{glb}').");
            var settings = new PuppetSettings(
                parse.GetValue(input)!,
                parse.GetValue(output)!,
                common.ToOptions(parse, RunningMode.Video, smoothing: !parse.GetValue(noSmoothing)),
                parse.GetValue(avatar),
                parse.GetValue(texture),
                parse.GetValue(sideBySide),
                glb,
                parse.GetValue(csv));
            var clock = Stopwatch.StartNew();
            PuppetJob.Summary summary;
            try
            {
                summary = await new PuppetJob(settings).RunAsync(cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"stopped; the frames done so far are in {settings.Output}").ConfigureAwait(false);
                throw;
            }
            if (summary.DecodeError is { } damage)
                await Console.Error.WriteLineAsync($"warning: the input ended early ({damage}); every decodable frame was processed").ConfigureAwait(false);
            string[] takes = [.. new[] { glb, settings.LiveLinkCsvPath }.OfType<string>()];
            string take = takes.Length == 0 ? "" : $" and the take{(takes.Length > 1 ? "s" : "")} to {string.Join(" and ", takes)}";
            await Console.Error.WriteLineAsync(summary.FramesWithFaces == 0
                ? $"no face found; {settings.Output} shows the avatar at rest"
                : $"{summary.Frames} frame(s) ({summary.FramesWithFaces} with a face) written to {settings.Output}{take} in {clock.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
