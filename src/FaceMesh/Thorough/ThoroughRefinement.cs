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
    private readonly Vector3[][] _views = [.. Enumerable.Range(0, settings.AveragedViews + 1).Select(_ => new Vector3[LandmarkModelSpec.MeshCount])];
    private readonly List<BoundingBox> _taken = [];

    /// <summary>Forgets the faces taken from the previous image.</summary>
    public void StartImage() => _taken.Clear();

    /// <summary>
    /// How far the last refined face's direct and mirrored landmarks differ (root mean square over
    /// the mesh, in fractions of the crop side); 0 when no mirrored view was run or passed.
    /// </summary>
    public float LastViewDisagreement { get; private set; }

    /// <summary>
    /// Runs the refinement passes over <paramref name="landmarks"/> (updated in place, with
    /// <paramref name="crop"/>) and returns the face flag of the last pass kept; a pass whose face
    /// flag falls to the threshold is not kept and ends the refinement. <paramref name="confirmed"/>
    /// says whether the first pass kept the face flag (true without passes).
    /// </summary>
    public float Refine(ImageView image, ref NormalizedRect crop, float presence, Sampling sampling, Span<NormalizedLandmark> landmarks, out bool confirmed)
    {
        confirmed = true;
        LastViewDisagreement = 0f;
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
        if (settings.AveragedViews > 0) CombineViews(image, crop, sampling, landmarks);
        return presence;
    }

    // The model's errors on a face, on its mirror image and on slightly other crops are partly
    // independent, so their combination is closer than any one of them.
    private void CombineViews(ImageView image, in NormalizedRect crop, Sampling sampling, Span<NormalizedLandmark> landmarks)
    {
        ReadOnlySpan<int> mirror = MeshSymmetry.Mirror;
        CropView[] views = settings.ExtraViews!;
        for (int k = 0; k < mirror.Length; k++) _views[0][k] = new Vector3(landmarks[k].X, landmarks[k].Y, landmarks[k].Z);
        int used = 1;
        foreach (CropView view in views)
        {
            NormalizedRect rect = view.Apply(crop, image.Width, image.Height);
            float presence = view.Mirrored
                ? stage.RunMirrored(image, rect, sampling, _view, mirror)
                : stage.Run(image, rect, sampling, _view);
            if (!FaceFlag.IsPresent(presence, minPresence)) continue;
            if (view.Mirrored && LastViewDisagreement == 0f) LastViewDisagreement = Disagreement(landmarks, _view, crop, image.Width, image.Height);
            for (int k = 0; k < mirror.Length; k++) _views[used][k] = new Vector3(_view[k].X, _view[k].Y, _view[k].Z);
            used++;
        }
        for (int k = 0; k < mirror.Length; k++)
        {
            Vector3 point = settings.MedianOfViews ? Median(k, used) : Mean(k, used);
            landmarks[k] = new NormalizedLandmark(point.X, point.Y, point.Z);
        }
    }

    private Vector3 Mean(int point, int used)
    {
        Vector3 sum = Vector3.Zero;
        for (int v = 0; v < used; v++) sum += _views[v][point];
        return sum / used;
    }

    private Vector3 Median(int point, int used)
    {
        Span<float> x = stackalloc float[used], y = stackalloc float[used], z = stackalloc float[used];
        for (int v = 0; v < used; v++) (x[v], y[v], z[v]) = (_views[v][point].X, _views[v][point].Y, _views[v][point].Z);
        return new Vector3(MiddleOf(x), MiddleOf(y), MiddleOf(z));
    }

    private static float MiddleOf(Span<float> values)
    {
        values.Sort();
        int half = values.Length / 2;
        return values.Length % 2 == 1 ? values[half] : 0.5f * (values[half - 1] + values[half]);
    }

    // A real face looks the same to the model mirrored; a texture it mistakes for a face rarely does.
    private static float Disagreement(ReadOnlySpan<NormalizedLandmark> direct, ReadOnlySpan<NormalizedLandmark> mirrored, in NormalizedRect crop, int width, int height)
    {
        double sum = 0;
        for (int k = 0; k < LandmarkModelSpec.MeshCount; k++)
        {
            double dx = (direct[k].X - mirrored[k].X) * width, dy = (direct[k].Y - mirrored[k].Y) * height;
            sum += dx * dx + dy * dy;
        }
        double side = Math.Max(crop.Width * width, crop.Height * height);
        return (float)(Math.Sqrt(sum / LandmarkModelSpec.MeshCount) / side);
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
