using System.CommandLine;
using FaceMesh.Cli.Progress;
using FaceMesh.Evaluation;
using Spectre.Console;

namespace FaceMesh.Cli.Commands;

/// <summary>
/// <c>facemesh eval landmarks DATASET</c>: NME per region, failure rates and CED AUC on annotated photos,
/// for one or both models under one or both protocols, side by side on the same faces.
/// </summary>
internal static class EvalLandmarksCommand
{
    /// <summary>Exit code of a run that finished but had to skip inputs (listed on standard error and in the report).</summary>
    public const int SkippedInputs = 2;

    /// <summary>Faces looked for beyond the most crowded photo's annotations.</summary>
    private const int ExtraFaces = 4;

    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "Directory of images with annotations beside them (searched recursively)" };
        var format = new Option<string>("--format")
        {
            Description = "pts: 300-W 68-point X.pts / X_N.pts beside X.jpg (1-based); mp-json: X.json with 468/478 MediaPipe points in pixels",
            DefaultValueFactory = _ => "pts",
        }.AcceptOnlyFromAmong("pts", "mp-json");
        var protocol = new Option<string>("--protocol")
        {
            Description = "Where the crop comes from: reacquisition (detector), tracking (previous frame's landmarks, several frames on the same image), both",
            DefaultValueFactory = _ => "both",
        }.AcceptOnlyFromAmong("reacquisition", "tracking", "both");
        var refine = new Option<string>("--refine")
        {
            Description = "true: attention model (478 points); false: mesh model (468); both: side by side (the Attention Mesh paper's Table 2)",
            DefaultValueFactory = _ => "true",
        }.AcceptOnlyFromAmong("true", "false", "both");
        var thorough = new Option<string>("--thorough")
        {
            Description = "false: MediaPipe's pipeline; true: the accuracy mode (README: Thorough mode); both: side by side on the same faces",
            DefaultValueFactory = _ => "false",
        }.AcceptOnlyFromAmong("false", "true", "both");
        var groups = new Option<string?>("--groups") { Description = "CSV of image,group: every figure per group and the best-worst discrepancy" };
        var report = new Option<string?>("--report") { Description = "Directory for report.json, report.md, faces.csv and the CED plots (SVG and PNG)" };
        var overlay = new Option<string?>("--overlay") { Description = "Directory for each face drawn with annotation (green) and prediction (red), worst first" };
        var frames = new Option<int>("--tracking-frames")
        {
            Description = "Frames the tracking protocol runs on each image before measuring the last",
            DefaultValueFactory = _ => FaceLandmarkerPredictor.DefaultTrackingFrames,
        };
        var minOverlap = new Option<double>("--min-overlap")
        {
            Description = "Box overlap (IoU of the 68-point boxes) that pairs a prediction with an annotation",
            DefaultValueFactory = _ => FaceMatcher.DefaultMinOverlap,
        };
        var common = new CommonOptions();
        var command = new Command("landmarks",
            "Landmark accuracy on annotated photos: NME (% of inter-ocular distance) per region, failure rate at 8/10 %, AUC of the cumulative error curve")
        {
            dataset, format, protocol, refine, thorough, groups, report, overlay, frames, minOverlap, common.Detector, common.Sampling, common.Threads,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(frames) < 2) throw new ArgumentException("--tracking-frames must be at least 2: the first frame comes from the detector.");
            double overlapThreshold = parse.GetValue(minOverlap);
            if (!(overlapThreshold is > 0 and <= 1)) throw new ArgumentException("--min-overlap must be in (0, 1].");
            string directory = parse.GetValue(dataset)!;
            AnnotatedDataset data = AnnotatedDataset.Load(directory, parse.GetValue(format) == "mp-json" ? AnnotationFormat.MediaPipeJson : AnnotationFormat.Pts);
            if (data.Images.Count == 0)
                throw new ArgumentException($"No annotated images in {directory} ({data.Skipped.Count} annotation files skipped): expected X.jpg with X.pts (or X_1.pts ...) beside it.");
            string? groupFile = parse.GetValue(groups);
            var evaluator = new LandmarkEvaluator(new LandmarkEvaluatorOptions
            {
                Groups = groupFile is null ? null : FaceGroups.Read(groupFile),
                MinOverlap = overlapThreshold,
            });
            // Room for unannotated bystanders too: with only as many faces as annotations, a more confident
            // bystander can take the annotated face's place. Faces nobody annotated are ignored by the matching.
            int numFaces = Math.Clamp(data.Images.Max(i => i.Faces.Count) + ExtraFaces, 1, FaceLandmarkerOptions.NumFacesLimit);
            FaceLandmarkerOptions pipeline = common.ToOptions(parse, RunningMode.Image) with { NumFaces = numFaces };
            IReadOnlyList<EvaluationRun> runs = Runs(pipeline, parse.GetValue(refine)!, parse.GetValue(protocol)!, parse.GetValue(frames), parse.GetValue(thorough)!);

            LandmarkEvaluation evaluation = await FrameProgress.RunAsync($"eval {Path.GetFileName(Path.TrimEndingDirectorySeparator(data.Root))}", data.Images.Count,
                progress => Task.Run(() => evaluator.Evaluate(data, runs, progress, cancellation), cancellation), unit: "images").ConfigureAwait(false);

            EvalLandmarksTable.Write(evaluation);
            if (parse.GetValue(report) is { } reportDirectory)
            {
                IReadOnlyList<string> files = LandmarkReport.Write(evaluation, reportDirectory);
                await Console.Error.WriteLineAsync($"report: {files.Count} files in {reportDirectory}").ConfigureAwait(false);
            }
            if (parse.GetValue(overlay) is { } overlayDirectory)
            {
                int count = evaluation.Faces.Count;
                IReadOnlyList<string> files = await FrameProgress.RunAsync("overlays", count,
                    progress => Task.Run(() => OverlayWriter.Write(evaluation, overlayDirectory, progress: progress, cancellationToken: cancellation), cancellation), unit: "overlays").ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"overlays: {files.Count} images in {overlayDirectory}").ConfigureAwait(false);
            }
            foreach (SkippedInput skip in evaluation.Skipped)
                await Console.Error.WriteLineAsync($"facemesh: skipped {skip.Path}: {skip.Reason}").ConfigureAwait(false);
            return evaluation.Skipped.Count > 0 ? SkippedInputs : 0;
        });
        return command;
    }

    internal static IReadOnlyList<EvaluationRun> Runs(FaceLandmarkerOptions pipeline, string refine, string protocol, int trackingFrames, string thorough = "false")
    {
        bool[] refines = refine switch { "both" => [false, true], "false" => [false], _ => [true] };
        bool[] thoroughs = thorough switch { "both" => [false, true], "true" => [true], _ => [false] };
        EvaluationProtocol[] protocols = protocol switch
        {
            "both" => [EvaluationProtocol.Reacquisition, EvaluationProtocol.Tracking],
            "tracking" => [EvaluationProtocol.Tracking],
            _ => [EvaluationProtocol.Reacquisition],
        };
        return refines.SelectMany(r => thoroughs.SelectMany(t => protocols.Select(p => EvaluationRun.ForLandmarker(
            (r ? "attention478" : "mesh468") + (t ? "-thorough" : ""),
            pipeline with { RefineLandmarks = r, Thorough = t }, p, trackingFrames)))).ToArray();
    }
}
