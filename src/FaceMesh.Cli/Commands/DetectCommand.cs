using System.CommandLine;
using FaceMesh.Cli.Output;
using FaceMesh.Imaging;
using FaceMesh.Json;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh detect IMAGE...</c>: one JSON line per image with every face found.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "Image files (any format ffmpeg reads)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write JSON Lines here instead of standard output (replaced only when complete)" };
        var geometry = new Option<bool>("--geometry") { Description = "Add each face's head pose and metric 3D mesh (MediaPipe face geometry, cm)" };
        var blendshapes = new Option<bool>("--blendshapes") { Description = "Add each face's expression: ARKit-named blendshape scores 0..1 (jawOpen, eyeBlinkLeft, ...)" };
        var common = new CommonOptions();
        var input = new ImageInputOptions();
        var command = new Command("detect", "Detect faces and their landmarks; writes JSON Lines, one object per image, in pixels") { images, output, geometry, blendshapes };
        common.AddTo(command);
        input.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            string[] paths = parse.GetValue(images)!;
            string? outputPath = parse.GetValue(output);
            OutputGuard.Check(paths, ("-o", outputPath));
            bool withGeometry = parse.GetValue(geometry), withBlendshapes = parse.GetValue(blendshapes);
            FaceLandmarkerOptions options = common.ToOptions(parse, RunningMode.Image) with
            {
                OutputFacialTransformationMatrixes = withGeometry,
                OutputFaceBlendshapes = withBlendshapes,
            };
            using FaceLandmarker landmarker = FaceLandmarker.Create(options);
            using var writer = new JsonLinesWriter(outputPath);
            var result = new FaceLandmarkerResult();
            try
            {
                foreach (string path in paths)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using ImageBuffer image = await input.ReadAsync(parse, path, cancellation).ConfigureAwait(false);
                    landmarker.TryDetect(image.View, result);
                    writer.WriteLine(json =>
                    {
                        FaceJsonWriter.WriteImageResult(json, path, image.Width, image.Height, result.Faces, withGeometry, withBlendshapes);
                    });
                }
            }
            catch (OperationCanceledException)
            {
                writer.Commit(); // like `video`: the images done before Ctrl-C are kept
                throw;
            }
            writer.Commit();
            return 0;
        });
        return command;
    }
}
