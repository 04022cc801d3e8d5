using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FaceMesh.Queue.Tests.Support;

/// <summary>
/// A server or CLI started in its own process group (setsid), so the whole tree (ffmpeg children,
/// Erlang's helpers) is signalled at once, and always killed on dispose. Output is kept for messages.
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(program);
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The last lines of output, for failure messages.</summary>
    public string Tail(int lines = 30) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    public void Signal(int signal) => _ = Kill(-_process.Id, signal);

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        // With a timeout, WaitForExit returns before the redirected output is read to its end (a
        // `queue status` once read as ""); without one it also waits for that.
        _process.WaitForExit();
        return true;
    }

    public const int SigKill = 9;
    public const int SigTerm = 15;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signal(SigKill);
            _process.WaitForExit(10_000);
        }
        else Signal(SigKill);
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
