using System.Diagnostics;

namespace FaceMesh.Batch.Tests;

/// <summary>
/// A small corpus in a private temp folder: two fixture photos, a 5-frame clip made with ffmpeg
/// from astronaut.png (in a subfolder), a corrupt JPEG and a text file a folder scan must ignore.
/// Each test gets a fresh copy, so resume tests can change files freely.
/// </summary>
internal sealed class Corpus : IDisposable
{
    public const int ClipFrames = 5;

    public Corpus()
    {
        Root = Directory.CreateTempSubdirectory("facemesh-batch-tests-").FullName;
        Input = Path.Combine(Root, "in");
        Output = Path.Combine(Root, "out");
        Directory.CreateDirectory(Path.Combine(Input, "sub"));
        File.Copy(TestPaths.Fixture("astronaut.png"), Astronaut);
        File.Copy(TestPaths.Fixture("grace_hopper.jpg"), GraceHopper);
        File.WriteAllBytes(Corrupt, [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 2000).Select(i => (byte)(i * 7919 % 251))]);
        File.WriteAllText(Path.Combine(Input, "notes.txt"), "not media");
        Ffmpeg("-loop", "1", "-framerate", "10", "-i", Astronaut, "-frames:v", ClipFrames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-vf", "scale=160:160", "-c:v", "libx264", "-pix_fmt", "yuv420p", Clip);
    }

    public string Root { get; }
    public string Input { get; }
    public string Output { get; }
    public string Astronaut => Path.Combine(Input, "astronaut.png");
    public string GraceHopper => Path.Combine(Input, "grace_hopper.jpg");
    public string Clip => Path.Combine(Input, "sub", "clip.mp4");
    public string Corrupt => Path.Combine(Input, "sub", "corrupt.jpg");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Ffmpeg(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments]) info.ArgumentList.Add(a);
        using Process ffmpeg = Process.Start(info)!;
        string errors = ffmpeg.StandardError.ReadToEnd();
        if (!ffmpeg.WaitForExit(60_000) || ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {errors}");
    }
}
