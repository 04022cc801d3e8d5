using System.Text.Json;
using FaceMesh.Json;

namespace FaceMesh.Cli.Output;

/// <summary>
/// The <c>video --jsonl</c> output: one line per frame, <c>{"frame", "timestampMs", "faces"}</c>,
/// faces in <see cref="FaceJsonWriter"/>'s shape. The line body is one cached delegate reading
/// fields, so writing a frame allocates no closure.
/// </summary>
internal sealed class FrameJsonLinesWriter : IDisposable
{
    private readonly JsonLinesWriter _lines;
    private readonly Action<Utf8JsonWriter> _body;
    private readonly bool _blendshapes;
    private long _frame;
    private double _timestampMs;
    private FaceLandmarkerResult? _result;

    /// <param name="path">File, or "-" for standard output.</param>
    /// <param name="blendshapes">Add each face's <c>blendshapes</c>.</param>
    public FrameJsonLinesWriter(string path, bool blendshapes = false)
    {
        _blendshapes = blendshapes;
        _lines = new JsonLinesWriter(path);
        _body = WriteBody;
    }

    /// <param name="timestampMs">The frame's presentation time in the video stream.</param>
    public void Write(long frame, double timestampMs, FaceLandmarkerResult result)
    {
        _frame = frame;
        _timestampMs = timestampMs;
        _result = result;
        _lines.WriteLine(_body);
        _result = null;
    }

    private void WriteBody(Utf8JsonWriter json)
    {
        json.WriteNumber("frame", _frame);
        // Microseconds are plenty; more digits would only be float noise from the pts conversion.
        json.WriteNumber("timestampMs", Math.Round(_timestampMs, 3));
        FaceJsonWriter.WriteFaces(json, _result!.Faces, blendshapes: _blendshapes);
    }

    /// <inheritdoc cref="JsonLinesWriter.Commit"/>
    public void Commit() => _lines.Commit();

    public void Dispose() => _lines.Dispose();
}
