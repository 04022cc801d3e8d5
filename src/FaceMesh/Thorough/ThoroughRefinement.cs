using System.Numerics;
using FaceMesh.Detectors;
using FaceMesh.Imaging;
using FaceMesh.Landmarks;

namespace FaceMesh.Thorough;

/// <summary>
/// Still-image refinement for <see cref="FaceLandmarkerOptions.Thorough"/>: the landmark model runs
/// again on the ROI computed from its own landmarks (what video tracking does from frame to frame),
/// which centres and levels the face better than the detector's box; and since several views may
/// find one face, a face whose landmarks cover one already taken is dropped. Not thread-safe.
/// </summary>
internal sealed class ThoroughRefinement(LandmarkStage stage, ThoroughSettings settings, float minPresence)
{
    private readonly NormalizedLandmark[] _pass = new NormalizedLandmark[stage.LandmarkCount];
    private readonly NormalizedLandmark[] _view = new NormalizedLandmark[stage.LandmarkCount];
    private readonly Vector3[] _sum = new Vector3[LandmarkModelSpec.MeshCount];
    private readonly List<BoundingBox> _taken = [];

    /// <summary>Forgets the faces taken from the previous image.</summary>
    public void StartImage() => _taken.Clear();

    /// <summary>
    /// Runs the refinement passes over <paramref name="landmarks"/> (updated in place, with
    /// <paramref name="crop"/>) and returns the face flag of the last pass kept; a pass whose face
    /// flag falls to the threshold is not kept and ends the refinement. <paramref name="confirmed"/>
    /// says whether the first pass kept the face flag (true without passes).
    /// </summary>
    public float Refine(ImageView image, ref NormalizedRect crop, float presence, Sampling sampling, Span<NormalizedLandmark> landmarks, out bool confirmed)
    {
        confirmed = true;
        for (int pass = 0; pass < settings.RefinementPasses; pass++)
        {
            NormalizedRect next = RoiFromLandmarks.Compute(landmarks, image.Width, image.Height);
            float nextPresence = stage.Run(image, next, sampling, _pass);
            if (!FaceFlag.IsPresent(nextPresence, minPresence))
            {
                confirmed &= pass > 0;
                break;
            }
            _pass.CopyTo(landmarks);
            crop = next;
            presence = nextPresence;
        }
        if (settings.AveragedViews > 0) AverageViews(image, crop, sampling, landmarks);
        return presence;
    }

    // The model's errors on a face, on its mirror image and on a slightly other crop are partly
    // independent, so their mean is closer than any one of them.
    private void AverageViews(ImageView image, in NormalizedRect crop, Sampling sampling, Span<NormalizedLandmark> landmarks)
    {
        ReadOnlySpan<int> mirror = MeshSymmetry.Mirror;
        int count = Math.Min(settings.AveragedViews, ThoroughSettings.Views.Length);
        for (int k = 0; k < mirror.Length; k++) _sum[k] = new Vector3(landmarks[k].X, landmarks[k].Y, landmarks[k].Z);
        int views = 1;
        for (int v = 0; v < count; v++)
        {
            (float scale, bool mirrored) = ThoroughSettings.Views[v];
            NormalizedRect view = crop with { Width = crop.Width * scale, Height = crop.Height * scale };
            float presence = mirrored
                ? stage.RunMirrored(image, view, sampling, _view, mirror)
                : stage.Run(image, view, sampling, _view);
            if (!FaceFlag.IsPresent(presence, minPresence)) continue;
            for (int k = 0; k < mirror.Length; k++) _sum[k] += new Vector3(_view[k].X, _view[k].Y, _view[k].Z);
            views++;
        }
        for (int k = 0; k < mirror.Length; k++) landmarks[k] = new NormalizedLandmark(_sum[k].X / views, _sum[k].Y / views, _sum[k].Z / views);
    }

    /// <summary>Whether the face is not one already taken from this image; if so, it is taken.</summary>
    public bool TakeIfNew(ReadOnlySpan<NormalizedLandmark> landmarks, int imageWidth, int imageHeight)
    {
        NormalizedRect roi = RoiFromLandmarks.Compute(landmarks, imageWidth, imageHeight);
        var box = new BoundingBox(roi.XCenter - roi.Width / 2, roi.YCenter - roi.Height / 2, roi.Width, roi.Height);
        // Overlap only: a rule as loose as "centre inside a taken ROI" dropped real faces behind bystanders on the development data.
        foreach (BoundingBox taken in _taken)
            if (BoxOverlap.IntersectionOverUnion(box, taken) > ThoroughSettings.DuplicateOverlap) return false;
        _taken.Add(box);
        return true;
    }
}
