namespace FaceMesh.Cli.Tests.Support;

/// <summary>
/// Tiny test videos, made with ffmpeg on first use in a private temp folder: faces come from
/// astronaut.png (and a moving one from Megamind.avi), the rest from ffmpeg's test pattern. Kept to a few frames and small sizes so
/// the whole suite stays quick on two cores.
/// </summary>
public sealed class ClipFixture : IDisposable
{
    private readonly Dictionary<string, Lazy<string>> _clips = [];

    public ClipFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("facemesh-cli-tests-").FullName;
        string astronaut = TestPaths.Fixture("astronaut.png");
        // 12 frames at 15000/1001 fps (a rational, NTSC-style rate) with a 0.8 s sine track.
        Add("face-audio.mp4", path => MediaTools.Ffmpeg("-loop", "1", "-framerate", "15000/1001", "-i", astronaut,
            "-f", "lavfi", "-t", "0.8", "-i", "sine=frequency=440:sample_rate=44100",
            "-frames:v", "12", "-vf", "scale=256:256", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", path));
        // The face drifts across the frame, so video-mode tracking follows it from frame to frame.
        Add("face-moving.mp4", path => MediaTools.Ffmpeg("-loop", "1", "-framerate", "10", "-i", astronaut,
            "-frames:v", "16", "-vf", "scale=320:320,crop=256:256:'32+32*sin(n/2)':'32+16*cos(n/3)'", "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
        Add("no-face.mp4", path => MediaTools.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=96x72:rate=10", "-frames:v", "6",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
        // A phone-style portrait clip: stored landscape (content turned clockwise), shown upright through rotation metadata.
        Add("portrait-stored.mp4", path => MediaTools.Ffmpeg("-loop", "1", "-framerate", "10", "-i", astronaut,
            "-frames:v", "4", "-vf", "scale=192:256,transpose=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
        Add("portrait.mp4", path => MediaTools.Ffmpeg("-i", Clip("portrait-stored.mp4"), "-c", "copy", "-metadata:s:v", "rotate=90", path));
        Add("one-frame.mp4", path => MediaTools.Ffmpeg("-loop", "1", "-framerate", "10", "-i", astronaut,
            "-frames:v", "1", "-vf", "scale=128:128", "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
        Add("tiny.mp4", path => MediaTools.Ffmpeg("-loop", "1", "-framerate", "10", "-i", astronaut,
            "-frames:v", "5", "-vf", "scale=64:48", "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
        Add("whole-faststart.mp4", path => MediaTools.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-frames:v", "30",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path));
        Add("whole-plain.mp4", path => MediaTools.Ffmpeg("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-frames:v", "30",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
        // First half of each: the faststart file keeps its index (moov at the front), the plain one loses it.
        Add("truncated.mp4", path => Truncate(Clip("whole-faststart.mp4"), path));
        Add("truncated-no-index.mp4", path => Truncate(Clip("whole-plain.mp4"), path));
        // 36 frames of a talking, blinking face (Megamind.avi, the OpenCV sample) at its own 2997/125 fps, half size.
        string megamind = TestPaths.Fixture("Megamind.avi");
        Add("talking.mp4", path => MediaTools.Ffmpeg("-i", megamind, "-frames:v", "36", "-vf", "scale=360:264",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-an", path));
        Add("long.mp4", path => MediaTools.Ffmpeg("-loop", "1", "-framerate", "25", "-i", astronaut,
            "-frames:v", "600", "-vf", "scale=128:128", "-c:v", "libx264", "-pix_fmt", "yuv420p", path));
    }

    public string Directory { get; }

    /// <summary>The clip's path, creating it first if needed.</summary>
    public string Clip(string name) => _clips[name].Value;

    /// <summary>A fresh path in the fixture's folder for a command's output.</summary>
    public string Output(string name) => Path.Combine(Directory, $"{Path.GetFileNameWithoutExtension(name)}-{Guid.NewGuid():N}{Path.GetExtension(name)}");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Add(string name, Action<string> make)
    {
        string path = Path.Combine(Directory, name);
        _clips[name] = new Lazy<string>(() => { make(path); return path; }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static void Truncate(string source, string target)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes[..(bytes.Length / 2)]);
    }
}

[CollectionDefinition(Name)]
public sealed class ClipCollection : ICollectionFixture<ClipFixture>
{
    public const string Name = "clips";
}
