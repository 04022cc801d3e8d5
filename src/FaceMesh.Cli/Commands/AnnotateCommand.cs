using System.CommandLine;
using FaceMesh.Cli.Output;
using FaceMesh.Cli.Rendering;
using FaceMesh.Effects;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh annotate IMAGE -o OUT.png</c>: draws the mesh of every face found on the image.</summary>
internal static class AnnotateCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "Image file (any format ffmpeg reads)" };
        var output = new Option<string>("--output", "-o") { Description = "Annotated image to write (format from the extension)", Required = true };
        var draw = new Option<string>("--draw") { Description = DrawLayers.Help, DefaultValueFactory = _ => "tesselation,contours,irises" };
        var common = new CommonOptions();
        var input = new ImageInputOptions();
        var command = new Command("annotate", "Draw the face mesh on an image") { image, output, draw };
        common.AddTo(command);
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            MeshLayers layers = DrawLayers.Parse(parse.GetValue(draw)!);
            string inputPath = parse.GetValue(image)!, outputPath = parse.GetValue(output)!;
            OutputGuard.Check([inputPath], ("-o", outputPath));
            using FaceLandmarker landmarker = FaceLandmarker.Create(common.ToOptions(parse, RunningMode.Image));
            using ImageBuffer picture = await input.ReadAsync(parse, inputPath, cancellation).ConfigureAwait(false);
            FaceLandmarkerResult result = landmarker.Detect(picture.View);
            new FaceRenderer(layers, lipstick: null).Render(picture, result);
            await ImageFile.WriteAsync(picture.View, outputPath, cancellation).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"{result.Faces.Count} face(s) drawn to {outputPath}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
