using System.Numerics;
using FaceMesh.Imaging;
using FaceMesh.Landmarks;

namespace FaceMesh.Evaluation;

/// <summary>
/// Landmark jitter measured the way the BlazeFace paper does: a still photo is turned into a video
/// by moving it along a known sub-pixel path (<see cref="SyntheticMotion"/>); whatever the landmarks
/// do beyond that motion is the landmarker's own noise. The video runs through video mode twice in
/// lockstep, without and with smoothing, so both see identical frames.
/// </summary>
public static class JitterEvaluation
{
    /// <param name="photo">A photo with one clearly visible face.</param>
    /// <param name="options">Motion and pipeline settings; null for the defaults.</param>
    /// <param name="progress">Told the number of frames done after each frame.</param>
    /// <param name="cancellationToken">Checked between frames.</param>
    /// <exception cref="InvalidOperationException">No face in the photo's first frame.</exception>
    public static JitterReport Run(ImageView photo, JitterOptions? options = null, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (photo.Pixels.IsEmpty) throw new ArgumentException("The photo view is empty (default).", nameof(photo));
        options ??= new JitterOptions();
        options.Validate();
        var motion = new SyntheticMotion(options, photo.Width, photo.Height);
        FaceLandmarkerOptions video = options.Pipeline with { RunningMode = RunningMode.Video, NumFaces = 1 };

        using FaceLandmarker raw = FaceLandmarker.Create(video with { Smoothing = false });
        using FaceLandmarker smoothed = FaceLandmarker.Create(video with { Smoothing = true });
        using var frame = new ImageBuffer(photo.Width, photo.Height, photo.Format);
        var rawResult = new FaceLandmarkerResult();
        var smoothedResult = new FaceLandmarkerResult();
        int landmarkCount = options.Pipeline.RefineLandmarks ? LandmarkModelSpec.RefinedCount : LandmarkModelSpec.MeshCount;
        var rawTrack = new UnwarpedTrack(motion.Frames, landmarkCount);
        var smoothedTrack = new UnwarpedTrack(motion.Frames, landmarkCount);
        var pixels = new Vector3[landmarkCount];

        for (int k = 0; k < motion.Frames; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SimilarityTransform placement = motion.At(k);
            SimilarityWarp.Apply(photo, placement, frame);
            long timestamp = motion.TimestampMs(k);
            raw.TryDetectForVideo(frame.View, timestamp, rawResult);
            smoothed.TryDetectForVideo(frame.View, timestamp, smoothedResult);
            Record(rawResult, rawTrack, k, placement, pixels);
            Record(smoothedResult, smoothedTrack, k, placement, pixels);
            if (k == 0 && !rawTrack.HasFace(0))
                throw new InvalidOperationException("No face found in the photo: the jitter evaluation needs one clearly visible face.");
            progress?.Report(k + 1);
        }

        // Frame 0 is the untouched photo and the smoother passes a first frame through, so both
        // runs start from these landmarks; every later frame is judged against them moved along.
        ReadOnlySpan<Vector2> reference = rawTrack.At(0);
        float iod = JitterMetrics.InterOcularDistance(reference);
        (float shift, float rotation) = motion.LargestStep();
        return new JitterReport(options, motion.Frames, iod, shift, rotation,
            JitterMetrics.Measure(rawTrack, reference, iod),
            JitterMetrics.Measure(smoothedTrack, reference, iod));
    }

    private static void Record(FaceLandmarkerResult result, UnwarpedTrack track, int frame, SimilarityTransform placement, Vector3[] pixels)
    {
        if (result.Faces.Count == 0)
        {
            track.RecordMissing(frame);
            return;
        }
        result.Faces[0].CopyPixelLandmarksTo(pixels);
        track.Record(frame, pixels, placement);
    }
}
