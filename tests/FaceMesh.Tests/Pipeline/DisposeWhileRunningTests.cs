using FaceMesh.Imaging;
using FaceMesh.Tests.Support;

namespace FaceMesh.Tests.Pipeline;

/// <summary>
/// Disposing while another thread is inside a call must wait for it or make later calls throw
/// <see cref="ObjectDisposedException"/>; before, it freed the models' native buffers under the
/// running inference and the process died of an access violation. The real models are used: the
/// crash was in their native memory.
/// </summary>
public sealed class DisposeWhileRunningTests
{
    private const int Rounds = 12;

    [FixtureFact("astronaut.png")]
    public void Landmarker_disposed_during_detect_never_crashes()
    {
        using ImageBuffer photo = Fixtures.Read("astronaut.png");
        var outcomes = new Outcomes();
        for (int round = 0; round < Rounds; round++)
        {
            FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RefineLandmarks = true });
            var result = new FaceLandmarkerResult();
            RaceDisposal(landmarker, () => landmarker.TryDetect(photo.View, result), outcomes, round);
        }
        outcomes.AssertEveryCallFinishedOrWasRefused();
    }

    [FixtureFact("astronaut.png")]
    public void Video_landmarker_disposed_during_tracking_never_crashes()
    {
        using ImageBuffer photo = Fixtures.Read("astronaut.png");
        var outcomes = new Outcomes();
        for (int round = 0; round < Rounds; round++)
        {
            FaceLandmarker landmarker = FaceLandmarker.Create(new FaceLandmarkerOptions { RunningMode = RunningMode.Video, Smoothing = true });
            var result = new FaceLandmarkerResult();
            long time = 0;
            RaceDisposal(landmarker, () => landmarker.TryDetectForVideo(photo.View, time += 33, result), outcomes, round);
        }
        outcomes.AssertEveryCallFinishedOrWasRefused();
    }

    [FixtureFact("astronaut.png")]
    public void Detector_disposed_during_detect_never_crashes()
    {
        using ImageBuffer photo = Fixtures.Read("astronaut.png");
        var outcomes = new Outcomes();
        for (int round = 0; round < Rounds; round++)
        {
            FaceDetector detector = FaceDetector.Create();
            RaceDisposal(detector, () => detector.Detect(photo.View), outcomes, round);
        }
        outcomes.AssertEveryCallFinishedOrWasRefused();
    }

    /// <summary>One thread calls in a loop until refused; the test thread disposes at a point that varies per round.</summary>
    private static void RaceDisposal(IDisposable target, Action call, Outcomes outcomes, int round)
    {
        using var started = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            for (int i = 0; ; i++)
            {
                try
                {
                    call();
                    outcomes.Completed++;
                }
                catch (ObjectDisposedException)
                {
                    outcomes.Refused++;
                    return;
                }
                catch (Exception e)
                {
                    outcomes.Unexpected.Add(e);
                    return;
                }
                if (i == 0) started.Set();
            }
        });
        worker.Start();
        started.Wait();
        Thread.Sleep(round % 4 * 3); // dispose at different points of the next call
        target.Dispose();
        target.Dispose(); // twice: the second is a no-op
        worker.Join();
    }

    private sealed class Outcomes
    {
        public int Completed;
        public int Refused;
        public List<Exception> Unexpected { get; } = [];

        public void AssertEveryCallFinishedOrWasRefused()
        {
            Assert.Empty(Unexpected);
            Assert.Equal(Rounds, Refused); // every worker ended on ObjectDisposedException, none ran on freed buffers
            Assert.True(Completed >= Rounds);
        }
    }
}
