using System.Runtime.CompilerServices;
using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Batch;

/// <summary>
/// Processes one input file at a time into result rows: an image gives one frame, a video every
/// decoded frame (tracked in video mode with its own timestamps, fresh tracking state per video).
/// Holds its image-mode landmarker across inputs, so a worker keeps one and reuses it. Not
/// thread-safe: one per worker. A file that cannot be read throws <see cref="MediaException"/>
/// (or <see cref="IOException"/>); rows already yielded for a video that breaks off stay valid.
/// </summary>
public sealed class InputProcessor(BatchOptions options) : IDisposable
{
    private readonly string _described = options.Describe();
    private FaceLandmarker? _images;
    private FaceLandmarker? _videos;

    /// <summary>The options' description stored in every row.</summary>
    public string OptionsDescription => _described;

    public IAsyncEnumerable<FrameRecords> ProcessAsync(InputFile input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Size < 0) throw new MediaException($"File not found: {input.Path}", new FileNotFoundException(null, input.Path));
        return input.Kind == MediaKind.Image ? ImageAsync(input.Path, cancellationToken) : VideoAsync(input.Path, cancellationToken);
    }

    private async IAsyncEnumerable<FrameRecords> ImageAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using ImageBuffer image = await ImageFile.ReadAsync(path, PixelFormat.Rgb24, cancellationToken).ConfigureAwait(false);
        _images ??= FaceLandmarker.Create(options.ForImage);
        var result = new FaceLandmarkerResult();
        _images.TryDetect(image.View, result);
        yield return Records(path, 0, null, result);
    }

    private async IAsyncEnumerable<FrameRecords> VideoAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using VideoReader probed = await VideoReader.OpenAsync(path, PixelFormat.Rgb24, cancellationToken).ConfigureAwait(false);
        // Even sizes decode as 4:2:0 planes, converted here: cheaper than ffmpeg's RGB through the pipe.
        await using VideoReader reader = probed.WithYuv420FramesWhereSupported();
        using var rgb = new RgbFrameConverter(reader);
        // One landmarker for every video this processor reads: loading the models costs more than a short clip.
        FaceLandmarker landmarker = _videos ??= FaceLandmarker.Create(options.ForVideo);
        landmarker.ResetTracking();
        landmarker.ResetNeutral();
        var result = new FaceLandmarkerResult();
        var clock = new VideoClock();
        await foreach (VideoFrame frame in reader.ReadFramesAsync(cancellationToken).ConfigureAwait(false))
        {
            // Only the pixels the landmarker will read: the rows need nothing but its landmarks.
            ImageView pixels = rgb.ToRgb(frame.Image, landmarker.GetNextVideoFrameReadRegion(rgb.Width, rgb.Height));
            landmarker.TryDetectForVideo(pixels, clock.Next(frame.TimestampMs), result);
            yield return Records(path, frame.Index, frame.TimestampMs, result);
        }
        if (reader.DecodeError is { } damage)
            throw new MediaException($"Cannot decode video '{path}' to the end: {damage}");
    }

    private FrameRecords Records(string path, long frame, double? timestampMs, FaceLandmarkerResult result)
    {
        var faces = new FaceRecord[result.Faces.Count];
        for (int i = 0; i < faces.Length; i++)
        {
            Face face = result.Faces[i];
            float[] landmarks = new float[face.LandmarkSpan.Length * 3];
            for (int p = 0; p < face.LandmarkSpan.Length; p++)
            {
                System.Numerics.Vector3 point = face.GetPixelLandmark(p);
                landmarks[3 * p] = point.X;
                landmarks[3 * p + 1] = point.Y;
                landmarks[3 * p + 2] = point.Z;
            }
            faces[i] = new FaceRecord
            {
                File = path,
                Frame = frame,
                TimestampMs = timestampMs is { } t ? Math.Round(t, 3) : null,
                Face = i,
                Width = result.ImageWidth,
                Height = result.ImageHeight,
                Score = face.Detection?.Score,
                FaceFlag = face.FaceFlag,
                Landmarks = landmarks,
                Options = _described,
            };
        }
        return new FrameRecords(frame, timestampMs, faces);
    }

    public void Dispose()
    {
        _images?.Dispose();
        _videos?.Dispose();
    }
}
