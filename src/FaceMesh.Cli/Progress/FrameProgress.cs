using System.Diagnostics;
using Spectre.Console;

namespace FaceMesh.Cli.Progress;

/// <summary>
/// A Spectre.Console progress bar on standard error (items done, rate, ETA) while some work runs. It
/// appears only when standard error is an interactive terminal, so logs and pipes stay clean and
/// standard output stays free for data.
/// </summary>
internal static class FrameProgress
{
    /// <param name="label">What is being done, e.g. the input file name.</param>
    /// <param name="totalFrames">Expected frame count, or null when unknown (the bar then only spins).</param>
    /// <param name="work">The work; it reports progress through its argument.</param>
    /// <param name="unit">What is counted, plural ("frames", "images", "faces"); the rate is shown per second of it.</param>
    public static async Task<T> RunAsync<T>(string label, long? totalFrames, Func<IFrameProgress, Task<T>> work, string unit = "frames")
    {
        ArgumentNullException.ThrowIfNull(work);
        if (ProgressTerminal.TryOpen() is not { } console) return await work(Silent.Instance).ConfigureAwait(false);

        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(label), maxValue: totalFrames is > 0 and var t ? t : 1);
                task.IsIndeterminate = totalFrames is not > 0;
                var bar = new Bar(task, label, totalFrames, unit);
                T result = await work(bar).ConfigureAwait(false);
                bar.ShowFinalText();
                if (!task.IsIndeterminate) task.Value = task.MaxValue;
                task.StopTask();
                return result;
            }).ConfigureAwait(false);
    }

    /// <summary>Discards progress.</summary>
    internal sealed class Silent : IFrameProgress
    {
        public static readonly Silent Instance = new();

        public void Report(long framesDone) { }
    }

    /// <summary>Updates the bar every frame but rewrites its text only a few times a second.</summary>
    private sealed class Bar(ProgressTask task, string label, long? totalFrames, string unit) : IFrameProgress
    {
        private static readonly TimeSpan TextInterval = TimeSpan.FromMilliseconds(250);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _nextText = TimeSpan.Zero;
        private long _framesDone;

        public void Report(long framesDone)
        {
            _framesDone = framesDone;
            // Containers can understate their frame count; keep the bar honest rather than overflowing.
            if (framesDone > task.MaxValue) task.MaxValue = framesDone;
            task.Value = framesDone;
            TimeSpan now = _clock.Elapsed;
            if (now < _nextText) return;
            _nextText = now + TextInterval;
            WriteText(now);
        }

        /// <summary>The throttled text may lag the last frames; the final line should not.</summary>
        public void ShowFinalText() => WriteText(_clock.Elapsed);

        private void WriteText(TimeSpan elapsed)
        {
            double fps = elapsed.TotalSeconds > 0 ? _framesDone / elapsed.TotalSeconds : 0;
            string total = totalFrames is > 0 and var t ? $"/{t}" : "";
            task.Description = Markup.Escape($"{label}  {_framesDone}{total} {unit}  {fps:F1} {unit}/s");
        }
    }
}
