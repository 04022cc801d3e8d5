using FaceMesh.Batch;
using FaceMesh.Cli.Output;
using FaceMesh.Cli.Progress;
using FaceMesh.Cli.Video;
using FaceMesh.Imaging;
using FaceMesh.Media;
using FaceMesh.Media.Files;
using FaceMesh.Puppeteering;
using FaceMesh.Puppeteering.Gltf;

namespace FaceMesh.Cli.Puppet;

/// <summary>
/// Tracks the first face through a video (or one image) and renders the avatar retargeted to its
/// expression and head rotation, frame for frame, keeping the input's frame rate and audio. While
/// no face is seen the avatar holds its last pose. Ctrl-C keeps the frames encoded so far, and the
/// takes recorded so far when a .glb or a Live Link CSV was asked for.
/// </summary>
internal sealed class PuppetJob(PuppetSettings settings)
{
    private static readonly TimeSpan FinaliseTimeout = TimeSpan.FromSeconds(20);
    // The Live Link timecode's frame field for a still, or a stream that states no rate (as video --csv).
    private const double StillFrameRate = 30;
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"];

    public sealed record Summary(long Frames, long FramesWithFaces, string? DecodeError);

    private static string[] Optional(string? path) => path is null ? [] : [path];

    public static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public async Task<Summary> RunAsync(CancellationToken cancellationToken)
    {
        OutputGuard.Check([settings.Input, .. Optional(settings.AvatarPath), .. Optional(settings.TexturePath)],
            ("-o", settings.Output), ("--gltf", settings.GltfPath), ("--csv", settings.LiveLinkCsvPath));
        (AvatarMesh avatar, float metresPerUnit) = AvatarFile.Load(settings.AvatarPath);
        using ImageBuffer? texture = settings.TexturePath is { } t ? ImageFile.Read(t) : null;
        var puppet = new FacePuppet(avatar);
        GltfTakeRecorder? take = settings.GltfPath is null ? null : new GltfTakeRecorder(avatar, metresPerUnit);
        try
        {
            return IsImage(settings.Input)
                ? RunOnImage(puppet, texture, take)
                : await RunOnVideoAsync(puppet, texture, take, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (take is { FrameCount: > 0 })
            {
                using OutputFile file = OutputFile.Begin(settings.GltfPath!);
                await using (FileStream glb = File.Create(file.WritePath)) take.Write(glb);
                file.Commit();
            }
        }
    }

    private Summary RunOnImage(FacePuppet puppet, ImageBuffer? texture, GltfTakeRecorder? take)
    {
        using ImageBuffer picture = ImageFile.Read(settings.Input);
        using FaceLandmarker landmarker = FaceLandmarker.Create(Options(RunningMode.Image));
        FaceLandmarkerResult result = landmarker.Detect(picture.View);
        using LiveLinkCsvWriter? csv = settings.LiveLinkCsvPath is { } csvPath ? LiveLinkCsvWriter.Create(csvPath, StillFrameRate) : null;
        csv?.WriteFrame(0, result);
        // One picture has no neutral frame of its own: the canonical face stands in, so the avatar
        // takes on this face's shape as well as its expression.
        puppet.NeutralEstimate.Calibrate(Geometry.CanonicalFaceModel.Default.Positions);
        bool found = Track(puppet, result, take, 0);
        using var renderer = new PuppetRenderer(puppet.Avatar, picture.Width, picture.Height, settings.SideBySide, texture?.View);
        renderer.Render(picture.View, puppet.Vertices, puppet.HeadRotation);
        ImageFile.Write(renderer.Output.View, settings.Output);
        csv?.Commit();
        return new Summary(1, found ? 1 : 0, null);
    }

    private async Task<Summary> RunOnVideoAsync(FacePuppet puppet, ImageBuffer? texture, GltfTakeRecorder? take, CancellationToken cancellationToken)
    {
        await using VideoReader probed = await VideoReader.OpenAsync(settings.Input, PixelFormat.Rgb24, cancellationToken).ConfigureAwait(false);
        VideoInfo info = probed.Info;
        // Decoded as video decodes it (4:2:0 planes, converted once), so puppet's take and video's
        // take of the same clip hold the same landmarks and coefficients.
        await using VideoReader reader = probed.WithYuv420FramesWhereSupported();
        using var rgb = new RgbFrameConverter(reader);
        using FaceLandmarker landmarker = FaceLandmarker.Create(Options(RunningMode.Video));
        using var renderer = new PuppetRenderer(puppet.Avatar, info.Width, info.Height, settings.SideBySide, texture?.View);
        using LiveLinkCsvWriter? csv = settings.LiveLinkCsvPath is { } csvPath
            ? LiveLinkCsvWriter.Create(csvPath, info.FrameRate.IsValid ? info.FrameRate.ToDouble() : StillFrameRate)
            : null;
        VideoWriter writer = await VideoWriter.OpenAsync(settings.Output, renderer.Output.Width, renderer.Output.Height, info.FrameRate,
            new VideoWriterOptions { AudioSourcePath = info.HasAudio ? settings.Input : null, FinaliseTimeout = FinaliseTimeout },
            cancellationToken).ConfigureAwait(false);
        long frames = 0, withFaces = 0;
        try
        {
            long? expected = info.FrameCount ?? (info.Duration is { } d && info.FrameRate.IsValid ? (long)Math.Round(d.TotalSeconds * info.FrameRate.ToDouble()) : null);
            (frames, withFaces) = await FrameProgress.RunAsync(Path.GetFileName(settings.Input), expected, async progress =>
            {
                var result = new FaceLandmarkerResult();
                var clock = new VideoClock();
                long done = 0, seen = 0;
                await foreach (VideoFrame frame in reader.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
                {
                    long timestamp = clock.Next(frame.TimestampMs);
                    // Side by side shows the whole input frame; otherwise only the landmarker reads it.
                    ImageView pixels = rgb.ToRgb(frame.Image, settings.SideBySide ? null : landmarker.GetNextVideoFrameReadRegion(rgb.Width, rgb.Height));
                    landmarker.TryDetectForVideo(pixels, timestamp, result);
                    if (Track(puppet, result, take, timestamp / 1000.0)) seen++;
                    renderer.Render(pixels, puppet.Vertices, puppet.HeadRotation);
                    await writer.WriteFrameAsync(renderer.Output.View, TimeSpan.FromMilliseconds(frame.TimestampMs), cancellationToken).ConfigureAwait(false);
                    // After the encoder took the frame, so a stopped run's video and take hold the same frames.
                    csv?.WriteFrame(frame.TimestampMs, result);
                    progress.Report(++done);
                }
                return (done, seen);
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            csv?.Commit();
            throw new OperationCanceledException("Cancelled", e, cancellationToken);
        }
        catch
        {
            // A failure leaves whatever was at the output path before untouched.
            await writer.AbandonAsync().ConfigureAwait(false);
            throw;
        }
        if (writer.FramesWritten == 0)
        {
            // Nothing decodable: no empty video, and the user's file (if any) stays as it was.
            await writer.AbandonAsync().ConfigureAwait(false);
            throw new MediaException($"No frames could be decoded from '{settings.Input}'" + (reader.DecodeError is { } why ? $": {why}" : ""));
        }
        try
        {
            await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
        csv?.Commit();
        return new Summary(frames, withFaces, reader.DecodeError);
    }

    /// <summary>Moves the puppet to the first face's geometry, if there is one; records it in the take.</summary>
    private static bool Track(FacePuppet puppet, FaceLandmarkerResult result, GltfTakeRecorder? take, double seconds)
    {
        if (result.Faces.Count == 0 || result.Faces[0].Geometry is not { } geometry) return false;
        puppet.Update(geometry);
        take?.AddFrame(seconds, puppet.Vertices, puppet.HeadRotation);
        return true;
    }

    private FaceLandmarkerOptions Options(RunningMode mode) =>
        settings.Pipeline with { RunningMode = mode, Smoothing = settings.Pipeline.Smoothing && mode == RunningMode.Video, OutputFacialTransformationMatrixes = true,
            OutputFaceBlendshapes = settings.LiveLinkCsvPath is not null, NumFaces = 1 };
}
