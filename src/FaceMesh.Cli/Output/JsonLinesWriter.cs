using System.Text.Json;
using FaceMesh.Media.Files;
using Microsoft.Win32.SafeHandles;

namespace FaceMesh.Cli.Output;

/// <summary>
/// One compact JSON object per line, to standard output or to a file. A file is written under a
/// temporary name and only replaces the destination on <see cref="Commit"/>; disposing without it
/// leaves the destination as it was. Standard output is written without .NET's console stream,
/// which swallows a closed pipe, so a reader that went away stops the run.
/// </summary>
internal sealed class JsonLinesWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly OutputFile? _file;
    private readonly Utf8JsonWriter _json;

    /// <param name="path">A file, or null or "-" for standard output.</param>
    public JsonLinesWriter(string? path)
    {
        if (path is null || path == OutputGuard.StandardOutput)
        {
            _stream = OperatingSystem.IsWindows()
                ? Console.OpenStandardOutput()
                : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        else
        {
            _file = OutputFile.Begin(path);
            _stream = new FileStream(_file.WritePath, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = false, SkipValidation = false });
    }

    /// <summary>Writes one object: <paramref name="body"/> fills it between the braces.</summary>
    public void WriteLine(Action<Utf8JsonWriter> body)
    {
        _json.Reset();
        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        try
        {
            _json.Flush();
            _stream.Write(NewLine);
            _stream.Flush();
        }
        catch (IOException e) when (_file is null)
        {
            throw new StandardOutputClosedException(e);
        }
    }

    /// <summary>Moves a file output into place with every line written so far (no-op for standard output).</summary>
    public void Commit()
    {
        if (_file is null) return;
        _json.Dispose();
        _stream.Dispose();
        _file.Commit();
    }

    public void Dispose()
    {
        try { _json.Dispose(); }
        catch (IOException) when (_file is null) { } // the pipe's reader is gone: nothing left to tell it
        catch (ObjectDisposedException) { } // committed: already closed
        _stream.Dispose();
        _file?.Dispose();
    }
}
