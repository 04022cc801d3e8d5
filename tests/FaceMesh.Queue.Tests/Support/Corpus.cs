using System.Diagnostics;

namespace FaceMesh.Queue.Tests.Support;

/// <summary>
/// The jobs of the fault test, made from the fixtures with ffmpeg: photos rescaled to several
/// widths (distinct bytes, so distinct content hashes) and short clips cut from Megamind.avi,
/// named so the clips come first; plus an unreadable "photo" in a folder of its own.
/// </summary>
internal sealed class Corpus : IDisposable
{
    public static readonly string[] Photos = ["astronaut.png", "grace_hopper.jpg", "messi5.jpg", "man_portrait.jpg"];
    public const string Video = "Megamind.avi";
    private static readonly int[] Widths = [180, 220, 260, 300, 340, 380, 420];
    private static readonly double[] ClipStarts = [0.0, 1.5, 3.0];

    public string Root { get; } = Directory.CreateTempSubdirectory("facemesh-queue-").FullName;
    public string Inputs => Path.Combine(Root, "inputs");
    public string Broken => Path.Combine(Root, "broken", "zz-unreadable.jpg");
    public int Count { get; private set; }

    public Corpus()
    {
        Directory.CreateDirectory(Inputs);
        Directory.CreateDirectory(Path.GetDirectoryName(Broken)!);
        foreach (double start in ClipStarts)
            Ffmpeg("-ss", $"{start:F1}", "-i", TestPaths.Fixture(Video), "-t", "0.8", "-vf", "scale=240:-2", "-an", "-c:v", "mpeg4", "-q:v", "3",
                Path.Combine(Inputs, $"0clip-{start:F1}.avi"));
        foreach (string photo in Photos)
            foreach (int width in Widths)
                Ffmpeg("-i", TestPaths.Fixture(photo), "-vf", $"scale={width}:-2", Path.Combine(Inputs, $"{Path.GetFileNameWithoutExtension(photo)}-{width}.png"));
        Count = ClipStarts.Length + Photos.Length * Widths.Length;
        byte[] garbage = new byte[4096];
        new Random(14).NextBytes(garbage);
        File.WriteAllBytes(Broken, garbage);
    }

    private static void Ffmpeg(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-nostdin", "-v", "error", "-y", .. arguments]) info.ArgumentList.Add(a);
        using Process process = Process.Start(info)!;
        string error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000) || process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {error}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
