using System.Buffers.Binary;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FaceMesh.Imaging;

namespace FaceMesh.Web.Tests.Support;

/// <summary>A WebSocket client speaking the page's protocol, for tests.</summary>
internal sealed class LiveClient : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(1);
    private readonly ClientWebSocket _socket = new();

    public WebSocket Socket => _socket;

    public static async Task<LiveClient> ConnectAsync(Uri uri)
    {
        var client = new LiveClient();
        await client._socket.ConnectAsync(uri, CancellationToken.None);
        return client;
    }

    /// <summary>The header followed by <paramref name="pixelBytes"/> bytes (any count: tests lie about sizes).</summary>
    public static byte[] Frame(int width, int height, uint sequence, ReadOnlySpan<byte> pixelBytes)
    {
        byte[] message = new byte[12 + pixelBytes.Length];
        message[0] = (byte)'F';
        message[1] = (byte)'M';
        message[2] = 1;
        message[3] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), (ushort)height);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        pixelBytes.CopyTo(message.AsSpan(12));
        return message;
    }

    public static byte[] Frame(ImageBuffer rgba, uint sequence) => Frame(rgba.Width, rgba.Height, sequence, rgba.Memory.Span);

    public Task SendAsync(byte[] message, WebSocketMessageType type = WebSocketMessageType.Binary) =>
        _socket.SendAsync(message, type, true, CancellationToken.None);

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>The next JSON message, or null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? ReplyTimeout);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await _socket.ReceiveAsync(chunk, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage) break;
        }
        using JsonDocument document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>The next message that is not <c>ready</c>/<c>config</c>/<c>pong</c> bookkeeping.</summary>
    public async Task<JsonElement> ReceiveReplyAsync()
    {
        while (true)
        {
            JsonElement message = await ReceiveAsync() ?? throw new InvalidOperationException(
                $"the server closed the connection: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            string? type = message.GetProperty("type").GetString();
            if (type is "result" or "error") return message;
        }
    }

    public void Dispose() => _socket.Dispose();
}
