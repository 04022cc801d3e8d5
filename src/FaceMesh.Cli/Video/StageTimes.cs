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
        /// <summary>Decoder stage waiting for ffmpeg's next frame (decode, pixel conversion, pipe) or a free buffer.</summary>
        Decode,
        /// <summary>Decoder stage waiting for the tracker to take a frame.</summary>
        DecodeBlocked,
        /// <summary>Tracker waiting for a decoded frame.</summary>
        TrackStarved,
        /// <summary>Tracker converting 4:2:0 planes to the RGB the landmarker takes.</summary>
        Convert,
        Inference,
        Json,
        /// <summary>Tracker waiting for the encoder stage to take a frame.</summary>
        TrackBlocked,
        /// <summary>Tracker drawing on the frame it tracked.</summary>
        Draw,
        /// <summary>Handing a frame to ffmpeg's encoder (pipe copy, and waiting while it is busy).</summary>
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
        $"timings (stages overlap; per stage): wall {wall.TotalSeconds:F2} s | decode: ffmpeg+pipe {Seconds(Stage.Decode):F2} s, " +
        $"blocked {Seconds(Stage.DecodeBlocked):F2} s | track: starved {Seconds(Stage.TrackStarved):F2} s, yuv->rgb {Seconds(Stage.Convert):F2} s, inference {Seconds(Stage.Inference):F2} s, " +
        $"json {Seconds(Stage.Json):F2} s, draw {Seconds(Stage.Draw):F2} s, blocked {Seconds(Stage.TrackBlocked):F2} s | " +
        $"encode: pipe+ffmpeg {Seconds(Stage.Encode):F2} s");
}
