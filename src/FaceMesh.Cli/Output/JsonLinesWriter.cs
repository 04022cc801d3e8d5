using System.Text.Json;

namespace FaceMesh.Cli.Output;

/// <summary>One compact JSON object per line, to a file or standard output.</summary>
internal sealed class JsonLinesWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly Utf8JsonWriter _json;

    public JsonLinesWriter(string? path)
    {
        _ownsStream = path is not null && path != "-";
        _stream = _ownsStream ? File.Create(path!) : Console.OpenStandardOutput();
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = false, SkipValidation = false });
    }

    /// <summary>Writes one object: <paramref name="body"/> fills it between the braces.</summary>
    public void WriteLine(Action<Utf8JsonWriter> body)
    {
        _json.Reset();
        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        _stream.Write(NewLine);
        _stream.Flush();
    }

    public void Dispose()
    {
        _json.Dispose();
        if (_ownsStream) _stream.Dispose();
    }
}
