using System.CommandLine;
using System.Numerics;
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
        var command = new Command("annotate", "Draw the face mesh on an image") { image, output, draw };
        common.AddTo(command);
        command.SetAction((parse, _) =>
        {
            MeshLayers layers = DrawLayers.Parse(parse.GetValue(draw)!);
            using FaceLandmarker landmarker = FaceLandmarker.Create(common.ToOptions(parse, RunningMode.Image));
            using ImageBuffer picture = ImageFile.Read(parse.GetValue(image)!);
            FaceLandmarkerResult result = landmarker.Detect(picture.View);
            Paint(picture, result, layers);
            ImageFile.Write(picture.View, parse.GetValue(output)!);
            Console.Error.WriteLine($"{result.Faces.Count} face(s) drawn to {parse.GetValue(output)}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>Draws every face's landmarks with line widths scaled to the face size.</summary>
    public static void Paint(ImageBuffer picture, FaceLandmarkerResult result, MeshLayers layers)
    {
        if (layers == MeshLayers.None) return;
        Span<Vector3> points = stackalloc Vector3[MeshPainter.RefinedLandmarkCount];
        foreach (Face face in result.Faces)
        {
            Span<Vector3> facePoints = points[..face.LandmarkSpan.Length];
            face.CopyPixelLandmarksTo(facePoints);
            MeshPainter.Draw(picture, facePoints, layers, StyleFor(face));
        }
    }

    // Thin lines on small faces, bolder ones on large faces: one style unit per ~200 px of face.
    private static MeshStyle StyleFor(Face face)
    {
        float facePixels = face.Roi.Width * face.ImageWidth / 1.5f;
        return new MeshStyle().Scaled(Math.Clamp(facePixels / 200f, 0.5f, 4f));
    }
}
