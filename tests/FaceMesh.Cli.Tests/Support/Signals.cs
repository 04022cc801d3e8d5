using System.Globalization;

namespace FaceMesh.Cli.Tests.Support;

/// <summary>Signals and process-tree facts from /proc, for the tests that stop the CLI the way a user or a service manager would.</summary>
internal static class Signals
{
    /// <summary>kill(1): <paramref name="target"/> is a pid, or a negative process-group id.</summary>
    public static void Send(string signal, int target)
    {
        ToolRun run = ToolRun.Start("kill", [$"-{signal}", "--", target.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (run.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {target}: {run.Stderr}");
    }

    /// <summary>Processes whose parent is <paramref name="pid"/> right now.</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int candidate)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid) children.Add(candidate);
        }
        return children;
    }

    /// <summary>True once the process is gone or a zombie nobody waits for.</summary>
    public static bool IsGone(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] == 'Z';
        }
        catch (IOException) { return true; }
    }

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < end) Thread.Sleep(50);
    }

    public static void MakeFifo(string path)
    {
        ToolRun run = ToolRun.Start("mkfifo", [path], TimeSpan.FromSeconds(10));
        if (run.ExitCode != 0) throw new InvalidOperationException($"mkfifo {path}: {run.Stderr}");
    }
}
