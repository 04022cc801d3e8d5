using System.Diagnostics;
using System.Globalization;

namespace FaceMesh.Cli.Video;

/// <summary>
/// Wall time each pipeline stage spent in each kind of work, summed over frames, so `--timings`
/// can say where a run's time went. Each counter is written by one stage's thread only.
/// </summary>
internal sealed class StageTimes
{
    private readonly long[] _ticks = new long[(int)Stage.Count];

    public enum Stage
    {
        /// <summary>Inference stage waiting for ffmpeg's next decoded frame (decode + pixel conversion + pipe).</summary>
        WaitDecoded,
        /// <summary>Decoder stage waiting for a free frame buffer (downstream is the bottleneck).</summary>
        WaitBuffer,
        Inference,
        Json,
        Draw,
        /// <summary>Handing a frame to ffmpeg's encoder (pipe copy + waiting while it is busy).</summary>
        Encode,
        Count,
    }

    public static long Now => Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="stage"/> and returns now.</summary>
    public long Add(Stage stage, long start)
    {
        long now = Stopwatch.GetTimestamp();
        _ticks[(int)stage] += now - start;
        return now;
    }

    public double Seconds(Stage stage) => (double)_ticks[(int)stage] / Stopwatch.Frequency;

    public string Describe(TimeSpan wall) => string.Create(CultureInfo.InvariantCulture,
        $"timings: wall {wall.TotalSeconds:F2} s; waiting for decoded frames {Seconds(Stage.WaitDecoded):F2} s, " +
        $"inference {Seconds(Stage.Inference):F2} s, json {Seconds(Stage.Json):F2} s, draw {Seconds(Stage.Draw):F2} s, " +
        $"encode (pipe + encoder busy) {Seconds(Stage.Encode):F2} s, decoder waiting for a free buffer {Seconds(Stage.WaitBuffer):F2} s");
}
