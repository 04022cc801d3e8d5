using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Json;

namespace FaceMesh.Web;

/// <summary>
/// One page's WebSocket: one <see cref="FaceLandmarker"/> in video mode for as long as the
/// connection lives. Binary messages are frames (<see cref="FrameHeader"/>), text messages are
/// JSON commands (<c>config</c>, <c>reset</c>, <c>ping</c>); every frame gets one JSON reply
/// <c>{"type":"result","seq","width","height","serverMs","faces":[...]}</c> with faces in
/// <c>facemesh detect</c>'s shape, every bad message a <c>{"type":"error","code","message"}</c>
/// reply, after which the connection goes on. A frame's pixel buffer is allocated only after its
/// header has been checked, and only as large as the declared size.
/// </summary>
internal sealed class LiveSession : IDisposable
{
    private const int MaxTextBytes = 4096;
    private readonly WebSocket _socket;
    private readonly FaceMeshServerOptions _options;
    private readonly PipelinePool _pool;
    private readonly byte[] _header = new byte[FrameHeader.Size];
    private readonly byte[] _text = new byte[MaxTextBytes];
    private readonly byte[] _scratch = new byte[16 * 1024];
    private readonly ArrayBufferWriter<byte> _reply = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly FaceLandmarkerResult _result = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private byte[] _pixels = [];
    private LiveSettings _settings = new();
    private FaceLandmarker _landmarker;
    private long _lastTimestampMs = -1;

    private LiveSession(WebSocket socket, FaceMeshServerOptions options, PipelinePool pool)
    {
        _socket = socket;
        _options = options;
        _pool = pool;
        _json = new Utf8JsonWriter(_reply);
        _landmarker = FaceLandmarker.Create(_settings.ToOptions());
    }

    public static async Task RunAsync(WebSocket socket, FaceMeshServerOptions options, PipelinePool pool, CancellationToken aborted)
    {
        using PipelinePool.Lease? lease = pool.TryAcquire();
        if (lease is null)
        {
            await RefuseAsync(socket, pool.BusyMessage, options.IdleTimeout).ConfigureAwait(false);
            return;
        }
        using var session = new LiveSession(socket, options, pool);
        try
        {
            await session.LoopAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away or stopped reading; the lease is released all the same.
        }
        // No abort: returning lets Kestrel end the connection with a FIN, so the close frame
        // already sent reaches the client instead of being discarded by a reset.
    }

    private static async Task RefuseAsync(WebSocket socket, string message, TimeSpan timeout)
    {
        using var session = new CancellationTokenSource(timeout);
        try
        {
            byte[] reply = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["type"] = "error", ["code"] = "busy", ["message"] = message });
            await socket.SendAsync(reply, WebSocketMessageType.Text, true, session.Token).ConfigureAwait(false);
            // 1013 "Try Again Later": the refusal is about load, not about this client.
            await socket.CloseAsync((WebSocketCloseStatus)1013, "server busy", session.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
    }

    private async Task LoopAsync(CancellationToken aborted)
    {
        await SendAsync(WriteReady, aborted).ConfigureAwait(false);
        while (_socket.State == WebSocketState.Open)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)(_options.IdleTimeout.TotalSeconds * Stopwatch.Frequency);
            Received? head = await ReceiveIntoAsync(_header, deadline, aborted).ConfigureAwait(false);
            if (head is null)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation,
                    $"no complete message within {_options.IdleTimeout.TotalSeconds:0.#} s", aborted).ConfigureAwait(false);
                return;
            }
            Received first = head.Value;
            if (first.Type == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", aborted).ConfigureAwait(false);
                return;
            }
            bool completed = first.Type == WebSocketMessageType.Text
                ? await OnTextAsync(first, deadline, aborted).ConfigureAwait(false)
                : await OnFrameAsync(first, deadline, aborted).ConfigureAwait(false);
            if (!completed)
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation,
                    $"message not completed within {_options.IdleTimeout.TotalSeconds:0.#} s", aborted).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <returns>False when the message did not complete before the deadline.</returns>
    private async Task<bool> OnFrameAsync(Received head, long deadline, CancellationToken aborted)
    {
        if (FrameHeader.TryParse(_header.AsSpan(0, head.Count), _options.MaxFrameSide, out FrameHeader frame) is { } invalid)
            return await RejectAsync(head.EndOfMessage, "bad-frame", invalid, deadline, aborted).ConfigureAwait(false);
        int expected = frame.PixelBytes;
        if (head.EndOfMessage)
            return await RejectAsync(true, "bad-frame", SizeMismatch(frame, 0), deadline, aborted).ConfigureAwait(false);
        if (_pixels.Length < expected) _pixels = new byte[expected];
        Received? body = await ReceiveIntoAsync(_pixels.AsMemory(0, expected), deadline, aborted).ConfigureAwait(false);
        if (body is null) return false;
        if (body.Value.Count < expected)
            return await RejectAsync(true, "bad-frame", SizeMismatch(frame, body.Value.Count), deadline, aborted).ConfigureAwait(false);
        if (!body.Value.EndOfMessage)
        {
            long? extra = await DrainAsync(deadline, aborted).ConfigureAwait(false);
            if (extra is null) return false;
            if (extra > 0)
                return await RejectAsync(true, "bad-frame", SizeMismatch(frame, expected + extra.Value), deadline, aborted).ConfigureAwait(false);
        }
        long started = Stopwatch.GetTimestamp();
        _lastTimestampMs = Math.Max(_lastTimestampMs + 1, (long)_clock.Elapsed.TotalMilliseconds);
        var view = new ImageView(_pixels.AsMemory(0, expected), frame.Width, frame.Height, PixelFormat.Rgba32, frame.Width * 4);
        _landmarker.TryDetectForVideo(view, _lastTimestampMs, _result);
        _pool.CountFrame(_result.Faces.Count > 0);
        double serverMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await SendAsync(json =>
        {
            json.WriteString("type", "result");
            json.WriteNumber("seq", frame.Sequence);
            json.WriteNumber("width", frame.Width);
            json.WriteNumber("height", frame.Height);
            json.WriteNumber("serverMs", Math.Round(serverMs, 2));
            FaceJsonWriter.WriteFaces(json, _result.Faces, _settings.Geometry);
        }, aborted).ConfigureAwait(false);
        return true;
    }

    private static string SizeMismatch(FrameHeader frame, long got) =>
        $"frame {frame.Sequence}: declared {frame.Width}x{frame.Height} RGBA needs {frame.PixelBytes} pixel bytes after the header, the message has {got}";

    private async Task<bool> OnTextAsync(Received head, long deadline, CancellationToken aborted)
    {
        _header.AsSpan(0, head.Count).CopyTo(_text);
        int length = head.Count;
        if (!head.EndOfMessage)
        {
            Received? rest = await ReceiveIntoAsync(_text.AsMemory(length), deadline, aborted).ConfigureAwait(false);
            if (rest is null) return false;
            length += rest.Value.Count;
            if (!rest.Value.EndOfMessage)
                return await RejectAsync(false, "bad-message", $"a text message may have at most {MaxTextBytes} bytes", deadline, aborted).ConfigureAwait(false);
        }
        string? problem = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(_text.AsMemory(0, length));
            JsonElement root = document.RootElement;
            string? type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
            switch (type)
            {
                case "config":
                    LiveSettings next = _settings.With(root);
                    if (next != _settings) Recreate(next);
                    await SendAsync(WriteConfig, aborted).ConfigureAwait(false);
                    break;
                case "reset":
                    // A new source (another video, a photo): tracking must not carry a face over from the last one.
                    Recreate(_settings);
                    await SendAsync(WriteConfig, aborted).ConfigureAwait(false);
                    break;
                case "ping":
                    await SendAsync(json => json.WriteString("type", "pong"), aborted).ConfigureAwait(false);
                    break;
                default:
                    problem = "a text message is a JSON object with \"type\": \"config\", \"reset\" or \"ping\"";
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            problem = $"bad message: {e.Message}";
        }
        if (problem is not null) await SendErrorAsync("bad-message", problem, aborted).ConfigureAwait(false);
        return true;
    }

    private void Recreate(LiveSettings settings)
    {
        FaceLandmarker replacement = FaceLandmarker.Create(settings.ToOptions());
        _landmarker.Dispose();
        _landmarker = replacement;
        _settings = settings;
        _lastTimestampMs = -1;
    }

    /// <summary>Discards what is left of a bad message, then says what was wrong with it.</summary>
    private async Task<bool> RejectAsync(bool messageEnded, string code, string message, long deadline, CancellationToken aborted)
    {
        if (!messageEnded && await DrainAsync(deadline, aborted).ConfigureAwait(false) is null) return false;
        await SendErrorAsync(code, message, aborted).ConfigureAwait(false);
        return true;
    }

    /// <returns>The bytes discarded up to the end of the message, or null on timeout.</returns>
    private async Task<long?> DrainAsync(long deadline, CancellationToken aborted)
    {
        long total = 0;
        while (true)
        {
            Received? chunk = await ReceiveIntoAsync(_scratch, deadline, aborted).ConfigureAwait(false);
            if (chunk is null) return null;
            total += chunk.Value.Count;
            if (chunk.Value.EndOfMessage) return total;
        }
    }

    /// <summary>Receives until <paramref name="target"/> is full or the message ends.</summary>
    /// <returns>Null when the deadline passed first.</returns>
    private async Task<Received?> ReceiveIntoAsync(Memory<byte> target, long deadline, CancellationToken aborted)
    {
        int filled = 0;
        while (true)
        {
            TimeSpan remaining = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (remaining <= TimeSpan.Zero) return null;
            ValueTask<ValueWebSocketReceiveResult> pending = _socket.ReceiveAsync(target[filled..], aborted);
            ValueWebSocketReceiveResult result;
            if (pending.IsCompleted)
            {
                result = pending.Result;
            }
            else
            {
                Task<ValueWebSocketReceiveResult> receiving = pending.AsTask();
                if (await Task.WhenAny(receiving, Task.Delay(remaining, aborted)).ConfigureAwait(false) != receiving)
                {
                    // The receive stays pending until the socket is aborted; observe its failure then.
                    _ = receiving.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    return null;
                }
                result = await receiving.ConfigureAwait(false);
            }
            filled += result.Count;
            if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage || filled == target.Length)
                return new Received(filled, result.MessageType, result.EndOfMessage || result.MessageType == WebSocketMessageType.Close);
        }
    }

    private void WriteReady(Utf8JsonWriter json)
    {
        json.WriteString("type", "ready");
        json.WriteNumber("maxFrameSide", _options.MaxFrameSide);
        json.WriteNumber("idleTimeoutMs", _options.IdleTimeout.TotalMilliseconds);
        json.WriteNumber("pipelinesInUse", _pool.Active);
        json.WriteNumber("maxPipelines", _pool.Max);
        json.WriteStartObject("config");
        _settings.WriteTo(json);
        json.WriteEndObject();
    }

    private void WriteConfig(Utf8JsonWriter json)
    {
        json.WriteString("type", "config");
        _settings.WriteTo(json);
    }

    private Task SendErrorAsync(string code, string message, CancellationToken aborted) => SendAsync(json =>
    {
        json.WriteString("type", "error");
        json.WriteString("code", code);
        json.WriteString("message", message);
    }, aborted);

    /// <summary>Sends one JSON object; a client that stops reading for the idle timeout is dropped.</summary>
    private async Task SendAsync(Action<Utf8JsonWriter> body, CancellationToken aborted)
    {
        _reply.ResetWrittenCount();
        _json.Reset(_reply);
        _json.WriteStartObject();
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(_options.IdleTimeout);
        await _socket.SendAsync(_reply.WrittenMemory, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
    }

    public void Dispose()
    {
        _landmarker.Dispose();
        _json.Dispose();
    }

    private readonly record struct Received(int Count, WebSocketMessageType Type, bool EndOfMessage);
}
