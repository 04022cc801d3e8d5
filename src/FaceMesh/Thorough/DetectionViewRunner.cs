using FaceMesh.Detectors;
using FaceMesh.Imaging;

namespace FaceMesh.Thorough;

/// <summary>
/// Runs the tile model of <see cref="ThoroughDetector"/> on a list of views (tiles, turned tiles).
/// With one worker it uses the pipeline's own stage; with several, each worker owns a one-thread
/// copy of the model and takes the next view no other worker has taken: the views are independent,
/// so they scale with the cores where one inference split across threads barely does. Candidates are appended in view
/// order whatever finishes first, so the result is the same for any number of workers.
/// Not thread-safe.
/// </summary>
internal sealed class DetectionViewRunner : IDisposable
{
    private readonly FaceDetectionStage _stage;
    private readonly FaceDetectionStage[] _workers;
    private readonly List<List<DetectionCandidate>> _perView = [];

    /// <param name="stage">The pipeline's stage of the tile model (not owned).</param>
    /// <param name="workers">One-thread stages of the same model, owned from here on; fewer than two means none are used.</param>
    public DetectionViewRunner(FaceDetectionStage stage, FaceDetectionStage[] workers)
    {
        _stage = stage;
        _workers = workers;
    }

    /// <summary>How many views run at once.</summary>
    public int Parallelism => Math.Max(1, _workers.Length);

    /// <summary>Appends the candidates of every view, view by view, as <see cref="FaceDetectionStage.AppendCandidates"/> does for one.</summary>
    public void Append(ImageView image, List<RotatedRect> views, Sampling sampling, float minScore, List<DetectionCandidate> output)
    {
        if (_workers.Length < 2 || views.Count < 2)
        {
            foreach (RotatedRect view in views) _stage.AppendCandidates(image, view, sampling, minScore, output);
            return;
        }
        while (_perView.Count < views.Count) _perView.Add([]);
        for (int i = 0; i < views.Count; i++) _perView[i].Clear();
        int workers = Math.Min(_workers.Length, views.Count), next = -1;
        // Each worker takes the next view not yet taken; results go to the view's own list.
        void Work(FaceDetectionStage stage)
        {
            for (int i; (i = Interlocked.Increment(ref next)) < views.Count;)
                stage.AppendCandidates(image, views[i], sampling, minScore, _perView[i]);
        }
        var others = new Task[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            FaceDetectionStage stage = _workers[w];
            others[w - 1] = Task.Run(() => Work(stage));
        }
        // The caller works too; and never returns while another worker may still use the buffers.
        try
        {
            Work(_workers[0]);
        }
        finally
        {
            Task.WaitAll(others);
        }
        for (int i = 0; i < views.Count; i++) output.AddRange(_perView[i]);
    }

    public void Dispose()
    {
        foreach (FaceDetectionStage worker in _workers) worker.Dispose();
    }
}
