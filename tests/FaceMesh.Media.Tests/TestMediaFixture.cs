using System.Diagnostics;

namespace FaceMesh.Media.Tests;

/// <summary>
/// Generates small test media once per test run with ffmpeg's lavfi sources, in a private temp
/// folder. ffmpeg is required (./test.sh installs it); without it every test fails with the
/// install hint rather than being skipped.
/// </summary>
public sealed class TestMediaFixture : IDisposable
{
    public TestMediaFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("facemesh-media-tests-").FullName;
        Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p", Plain);
        Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-frames:v", "5", "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", WithAudio);
        Run("-i", Plain, "-c", "copy", "-metadata:s:v", "rotate=90", Rotated);
        Run("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-frames:v", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", OneFrame);
        Run("-f", "lavfi", "-i", "testsrc=size=63x47:rate=10", "-frames:v", "5", "-c:v", "libx264", "-pix_fmt", "yuv444p", OddSize);
        Run("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-frames:v", "30", "-c:v", "libx264", "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", LongFastStart);
        Run("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-frames:v", "30", "-c:v", "libx264", "-pix_fmt", "yuv420p", LongPlain);
        Run("-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", TestPng);
        Cut(LongFastStart, TruncatedKeepsIndex);
        Cut(LongPlain, TruncatedLosesIndex);
        Cut(TestPng, TruncatedPng);
        File.WriteAllBytes(GarbagePng, Enumerable.Range(0, 3000).Select(i => (byte)(i * 7919 % 251)).ToArray());
    }

    public string Directory { get; }
    public string Plain => At("plain.mp4");
    public string WithAudio => At("audio.mp4");
    public string Rotated => At("rotated.mp4");
    public string OneFrame => At("one.mp4");
    public string OddSize => At("odd.mp4");
    public string LongFastStart => At("long-faststart.mp4");
    public string LongPlain => At("long-plain.mp4");
    /// <summary>First half of a faststart mp4: the index survives, the later frames do not.</summary>
    public string TruncatedKeepsIndex => At("truncated-faststart.mp4");
    /// <summary>First half of a plain mp4: the index (moov, written last) is gone.</summary>
    public string TruncatedLosesIndex => At("truncated-plain.mp4");
    public string TestPng => At("testsrc.png");
    public string TruncatedPng => At("truncated.png");
    public string GarbagePng => At("garbage.png");

    public string At(string name) => Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static void Cut(string source, string target)
    {
        byte[] bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(target, bytes[..(bytes.Length / 2)]);
    }

    /// <summary>Runs ffmpeg to completion (test setup only), failing loudly with its stderr.</summary>
    public static void Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments]) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("These tests need ffmpeg on PATH; install it (Debian: apt-get install ffmpeg) or run ./test.sh", e);
        }
        using (process)
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000)) { process.Kill(true); throw new TimeoutException("ffmpeg test setup hung"); }
            if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {stderr.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<TestMediaFixture>
{
    public const string Name = "media";
}
