using System.Diagnostics;
using FaceMesh.Batch;
using Spectre.Console;

namespace FaceMesh.Cli.Progress;

/// <summary>
/// The <c>batch</c> progress bar: files done of the total (the bar and its ETA), with frames,
/// frames per second and failures in the text. Workers report from their own threads; the text
/// is rewritten a few times a second at most.
/// </summary>
internal static class CorpusProgressBar
{
    private static readonly TimeSpan TextInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<T> RunAsync<T>(int files, Func<Action<CorpusProgress>?, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (ProgressTerminal.TryOpen() is not { } console) return await work(null).ConfigureAwait(false);
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask("batch", maxValue: Math.Max(files, 1));
                var clock = Stopwatch.StartNew();
                long nextText = 0;
                var gate = new Lock();
                CorpusProgress? last = null;
                void Show(CorpusProgress p)
                {
                    double fps = p.Frames / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
                    string failed = p.FilesFailed > 0 ? $"  {p.FilesFailed} failed" : "";
                    task.Description = Markup.Escape($"{p.FilesDone}/{p.FilesTotal} files  {p.Frames} frames  {fps:F1} frames/s{failed}");
                }
                T result = await work(p =>
                {
                    lock (gate)
                    {
                        last = p;
                        task.Value = p.FilesDone;
                        if (clock.ElapsedMilliseconds < nextText) return;
                        nextText = clock.ElapsedMilliseconds + (long)TextInterval.TotalMilliseconds;
                        Show(p);
                    }
                }).ConfigureAwait(false);
                lock (gate)
                {
                    if (last is not null) Show(last);
                }
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            }).ConfigureAwait(false);
    }
}
