using System.Globalization;
using System.Numerics;
using FaceMesh.Effects;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Evaluation;

/// <summary>
/// Draws each evaluated face on its image, the annotation in green and the prediction in red with a
/// line joining each pair of corresponding points, named so that the worst faces sort first:
/// <c>0001-all68-23.4-image-face.png</c> (an unmatched face shows its annotation only and sorts first).
/// </summary>
public static class OverlayWriter
{
    private static readonly Rgb AnnotationColor = new(0x20, 0xd0, 0x40);
    private static readonly Rgb PredictionColor = new(0xf0, 0x30, 0x30);

    /// <returns>The files written; images that cannot be read again are skipped.</returns>
    public static IReadOnlyList<string> Write(LandmarkEvaluation evaluation, string directory, Func<string, ImageBuffer>? readImage = null,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        readImage ??= path => ImageFile.Read(path, PixelFormat.Rgb24);
        int all = evaluation.RegionIndex("all68");
        var written = new List<string>();
        int done = 0;
        foreach (EvaluationRun run in evaluation.Runs)
        {
            string runDirectory = evaluation.Runs.Count == 1 ? directory : Path.Combine(directory, run.Key.Replace('/', '-'));
            Directory.CreateDirectory(runDirectory);
            int rank = 0;
            foreach (FaceEvaluation face in FaceCsvWriter.WorstFirst(evaluation).Where(f => f.Run == run.Key))
            {
                cancellationToken.ThrowIfCancellationRequested();
                rank++;
                string error = face.Matched ? (100 * face.Error(all)).ToString("F1", CultureInfo.InvariantCulture) : "unmatched";
                string name = $"{rank:D4}-all68-{error}-{Sanitise(face.Image)}{(face.FaceId.Length > 0 ? "-" + face.FaceId : "")}.png";
                string path = Path.Combine(runDirectory, name);
                try
                {
                    using ImageBuffer image = readImage(Path.Combine(evaluation.DatasetRoot, face.Image));
                    Paint(image, face);
                    ImageFile.Write(image.View, path);
                    written.Add(path);
                }
                catch (Exception ex) when (ex is MediaException or IOException)
                {
                    // The evaluation already listed unreadable images; an overlay is a convenience.
                }
                progress?.Report(++done);
            }
        }
        return written;
    }

    /// <summary>Draws one face's annotation and prediction; dot size follows the face's inter-ocular distance.</summary>
    public static void Paint(ImageBuffer image, FaceEvaluation face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        float iod = (float)LandmarkError.InterOcularDistance(face.Annotation);
        float radius = Math.Clamp(iod / 60f, 1.2f, 6f);
        if (face.Prediction is { } prediction)
        {
            for (int i = 0; i < prediction.Length; i++) Draw.Line(image, face.Annotation[i], prediction[i], Rgb.White, radius / 2, 0.8f);
            foreach (Vector2 p in prediction) Draw.Circle(image, p, radius, PredictionColor);
        }
        foreach (Vector2 p in face.Annotation) Draw.Circle(image, p, radius, AnnotationColor);
    }

    private static string Sanitise(string name) =>
        string.Concat(Path.ChangeExtension(name, null).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
