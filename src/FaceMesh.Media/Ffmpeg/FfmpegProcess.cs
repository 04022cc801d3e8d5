using System.ComponentModel;
using System.Diagnostics;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>
/// One running ffmpeg/ffprobe child with all three standard streams redirected. Stderr is pumped
/// on a background task from the start, so the child can never block on a full stderr pipe while
/// the caller is busy with stdout or stdin. Disposing kills a child that is still running.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    private const int StderrChunk = 4096;
    private const int MaxLineBytes = 8192;
    private readonly Process _process;
    private readonly Task _stderrPump;
    private bool _stdinClosed;
    private Task? _feeding;

    private FfmpegProcess(Process process, IStderrLineSink sink)
    {
        _process = process;
        _stderrPump = Task.Run(() => PumpStderrAsync(process.StandardError.BaseStream, sink));
    }

    public Stream Stdout => _process.StandardOutput.BaseStream;
    public Stream Stdin => _process.StandardInput.BaseStream;
    public int ExitCode => _process.ExitCode;

    /// <param name="keepStdinOpen">False closes stdin at once, so the child sees end of input
    /// instead of waiting on our terminal.</param>
    /// <param name="ownSession">Starts the child in a session of its own (through setsid(1) when
    /// installed), so a terminal's Ctrl-C reaches only us: an encoder must take every frame we
    /// already sent and finalise when we close its input, not stop on the signal and drop the
    /// frames still in the pipe.</param>
    public static FfmpegProcess Start(string tool, IEnumerable<string> arguments, IStderrLineSink sink, bool keepStdinOpen,
        bool ownSession = false)
    {
        string executable = ToolLocator.Require(tool);
        string? setsid = ownSession ? ToolLocator.Find("setsid", Environment.GetEnvironmentVariable("PATH")) : null;
        if (setsid is not null) arguments = [executable, .. arguments];
        var info = new ProcessStartInfo(setsid ?? executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new MediaException($"Could not start {tool} ({executable}): {e.Message}", e);
        }
        var child = new FfmpegProcess(process, sink);
        if (!keepStdinOpen) child.CloseStdin();
        return child;
    }

    /// <summary>Signals end of input; for an encoder this is what makes it finalise the file.</summary>
    public void CloseStdin()
    {
        if (_stdinClosed) return;
        _stdinClosed = true;
        try { _process.StandardInput.Close(); }
        catch (IOException) { } // the child already exited; its exit code tells the story
    }

    /// <summary>
    /// Writes <paramref name="input"/> to stdin and closes it, while the caller reads stdout (the
    /// child would block on a full stdout pipe otherwise). A child that quits early closes the pipe:
    /// that is not an error here, its exit code and stderr say why.
    /// </summary>
    private async Task FeedStdinAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            await Stdin.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            await Stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) { }
        CloseStdin();
    }

    /// <summary>
    /// Feeds <paramref name="input"/> on a pool thread while the caller reads stdout; disposal
    /// waits for it (stopping a child that no longer reads), so the bytes are never written to a
    /// closed stream.
    /// </summary>
    public void StartFeeding(ReadOnlyMemory<byte> input, CancellationToken cancellationToken) =>
        _feeding = Task.Run(() => FeedStdinAsync(input, cancellationToken), CancellationToken.None);

    /// <summary>Waits for the child to exit and for its stderr to be fully consumed.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Waits at most <paramref name="timeout"/>; returns false (still running) on timeout.</summary>
    public async Task<bool> TryWaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // exited between the check and the kill
        catch (Win32Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (_feeding is { } feeding)
        {
            if (!feeding.IsCompleted) Kill(); // the write would otherwise wait forever on a child that stopped reading
            try { await feeding.ConfigureAwait(false); }
            catch (OperationCanceledException) { } // the caller's cancellation, which it observes itself
        }
        CloseStdin();
        Kill();
        try { await _stderrPump.ConfigureAwait(false); }
        catch (IOException) { }
        try { await _process.WaitForExitAsync().ConfigureAwait(false); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }

    private static async Task PumpStderrAsync(Stream stderr, IStderrLineSink sink)
    {
        byte[] chunk = new byte[StderrChunk];
        byte[] line = new byte[MaxLineBytes];
        int lineLength = 0;
        bool overlong = false;
        while (true)
        {
            int read;
            try { read = await stderr.ReadAsync(chunk).ConfigureAwait(false); }
            catch (IOException) { break; }
            catch (ObjectDisposedException) { break; }
            if (read == 0) break;
            for (int i = 0; i < read; i++)
            {
                byte b = chunk[i];
                if (b is (byte)'\n' or (byte)'\r')
                {
                    if (lineLength > 0 && !overlong) sink.OnLine(line.AsSpan(0, lineLength));
                    lineLength = 0;
                    overlong = false;
                }
                else if (overlong)
                {
                    // Tail of an enormous line (e.g. an SEI dump): only its head was delivered.
                }
                else if (lineLength < line.Length)
                {
                    line[lineLength++] = b;
                }
                else
                {
                    sink.OnLine(line.AsSpan(0, lineLength));
                    overlong = true;
                }
            }
        }
        if (lineLength > 0 && !overlong) sink.OnLine(line.AsSpan(0, lineLength));
        sink.OnEnd();
    }
}
