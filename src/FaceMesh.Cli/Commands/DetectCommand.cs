using System.CommandLine;
using FaceMesh.Cli.Output;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh detect IMAGE...</c>: one JSON line per image with every face found.</summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "Image files (any format ffmpeg reads)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write JSON Lines here instead of standard output" };
        var geometry = new Option<bool>("--geometry") { Description = "Add each face's head pose and metric 3D mesh (MediaPipe face geometry, cm)" };
        var blendshapes = new Option<bool>("--blendshapes") { Description = "Add each face's expression: ARKit-named blendshape scores 0..1 (jawOpen, eyeBlinkLeft, ...)" };
        var common = new CommonOptions();
        var command = new Command("detect", "Detect faces and their landmarks; writes JSON Lines, one object per image, in pixels") { images, output, geometry, blendshapes };
        common.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            bool withGeometry = parse.GetValue(geometry), withBlendshapes = parse.GetValue(blendshapes);
            FaceLandmarkerOptions options = common.ToOptions(parse, RunningMode.Image) with
            {
                OutputFacialTransformationMatrixes = withGeometry,
                OutputFaceBlendshapes = withBlendshapes,
            };
            using FaceLandmarker landmarker = FaceLandmarker.Create(options);
            using var writer = new JsonLinesWriter(parse.GetValue(output));
            var result = new FaceLandmarkerResult();
            foreach (string path in parse.GetValue(images)!)
            {
                cancellation.ThrowIfCancellationRequested();
                using ImageBuffer image = ImageFile.Read(path);
                landmarker.TryDetect(image.View, result);
                writer.WriteLine(json =>
                {
                    json.WriteString("image", path);
                    json.WriteNumber("width", image.Width);
                    json.WriteNumber("height", image.Height);
                    FaceJsonWriter.WriteFaces(json, result.Faces, withGeometry, withBlendshapes);
                });
            }
            return Task.FromResult(0);
        });
        return command;
    }
}
