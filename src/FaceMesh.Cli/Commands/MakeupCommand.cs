using System.CommandLine;
using FaceMesh.Cli.Output;
using FaceMesh.Cli.Rendering;
using FaceMesh.Effects;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh makeup IMAGE --lipstick COLOR -o OUT</c>: virtual lipstick on every face found.</summary>
internal static class MakeupCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Image file (any format ffmpeg reads)" };
        var output = new Option<string>("--output", "-o") { Description = "Image to write (format from the extension)", Required = true };
        var lipstick = new LipstickArguments(required: true);
        var common = new CommonOptions();
        var input = new ImageInputOptions();
        var command = new Command("makeup", "Apply virtual lipstick to the faces on an image") { image, output };
        lipstick.AddTo(command);
        common.AddTo(command);
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var renderer = new FaceRenderer(MeshLayers.None, lipstick.Read(parse));
            string inputPath = parse.GetValue(image)!, outputPath = parse.GetValue(output)!;
            OutputGuard.Check([inputPath], ("-o", outputPath));
            using FaceLandmarker landmarker = FaceLandmarker.Create(common.ToOptions(parse, RunningMode.Image));
            using ImageBuffer picture = await input.ReadAsync(parse, inputPath, cancellation).ConfigureAwait(false);
            FaceLandmarkerResult result = landmarker.Detect(picture.View);
            renderer.Render(picture, result);
            await ImageFile.WriteAsync(picture.View, outputPath, cancellation).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(result.Faces.Count == 0
                ? $"no face found; {outputPath} is the unchanged image"
                : $"lipstick on {result.Faces.Count} face(s), written to {outputPath}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
