using System.Net.WebSockets;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Web.Tests.Support;

namespace FaceMesh.Web.Tests;

/// <summary>The live WebSocket through the real server: results, bad messages, limits, stalled clients.</summary>
public sealed class LiveSocketTests
{
    [FixtureFact("grace_hopper.jpg")]
    public async Task A_frame_gets_the_face_in_pixels_of_the_frame_and_the_server_time()
    {
        await using var server = await TestServer.StartAsync();
        using ImageBuffer photo = WebTestImages.ReadRgba("grace_hopper.jpg");
        using var client = await LiveClient.ConnectAsync(server.WebSocketUri);
        JsonElement ready = (await client.ReceiveAsync())!.Value;
        Assert.Equal("ready", ready.GetProperty("type").GetString());

        await client.SendAsync(LiveClient.Frame(photo, 7));
        JsonElement result = await client.ReceiveReplyAsync();

        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.Equal(7u, result.GetProperty("seq").GetUInt32());
        Assert.Equal(photo.Width, result.GetProperty("width").GetInt32());
        Assert.True(result.GetProperty("serverMs").GetDouble() > 0);
        JsonElement face = Assert.Single(result.GetProperty("faces").EnumerateArray());
        JsonElement[] landmarks = [.. face.GetProperty("landmarks").EnumerateArray()];
        Assert.Equal(478, landmarks.Length);
        // The nose tip of Grace Hopper's portrait lies in the middle third of the picture.
        double noseX = landmarks[1][0].GetDouble(), noseY = landmarks[1][1].GetDouble();
        Assert.InRange(noseX, photo.Width / 3.0, photo.Width * 2 / 3.0);
        Assert.InRange(noseY, photo.Height / 4.0, photo.Height * 3 / 4.0);
    }

    [FixtureFact("grace_hopper.jpg")]
    public async Task Config_changes_the_pipeline_and_geometry_adds_the_head_pose()
    {
        await using var server = await TestServer.StartAsync();
        using ImageBuffer photo = WebTestImages.ReadRgba("grace_hopper.jpg");
        using var client = await LiveClient.ConnectAsync(server.WebSocketUri);
        await client.SendTextAsync("""{"type":"config","refine":false,"geometry":true,"numFaces":2}""");
        await client.SendAsync(LiveClient.Frame(photo, 1));
        JsonElement result = await client.ReceiveReplyAsync();

        JsonElement face = Assert.Single(result.GetProperty("faces").EnumerateArray());
        Assert.Equal(468, face.GetProperty("landmarks").GetArrayLength());
        Assert.Equal(16, face.GetProperty("geometry").GetProperty("poseTransform").GetArrayLength());
    }

    public static TheoryData<string, int, int, int> BadFrames => new()
    {
        // name, declared width, height, pixel bytes actually sent
        { "too short", 64, 64, 64 * 64 * 4 - 1 },
        { "too long", 64, 64, 64 * 64 * 4 + 1 },
        { "header only", 64, 64, 0 },
        { "empty size", 0, 64, 0 },
        // 65535 x 65535 RGBA would be 17 GB: refused from the header, before any buffer exists.
        { "beyond the side limit", 65535, 65535, 100 },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task A_malformed_frame_gets_an_error_reply_and_the_connection_stays_usable(string name, int width, int height, int bytes)
    {
        await using var server = await TestServer.StartAsync();
        using var client = await LiveClient.ConnectAsync(server.WebSocketUri);
        await client.SendAsync(LiveClient.Frame(width, height, 1, new byte[bytes]));
        JsonElement error = await client.ReceiveReplyAsync();
        Assert.True(error.GetProperty("type").GetString() == "error", name);
        Assert.Equal("bad-frame", error.GetProperty("code").GetString());
        Assert.Contains($"{width}x{height}", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Same connection, a good frame (grey, no face): answered.
        await client.SendAsync(LiveClient.Frame(32, 24, 2, Enumerable.Repeat((byte)128, 32 * 24 * 4).ToArray()));
        JsonElement result = await client.ReceiveReplyAsync();
        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.Equal(2u, result.GetProperty("seq").GetUInt32());
        Assert.Equal(0, result.GetProperty("faces").GetArrayLength());
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary)]
    [InlineData(new byte[] { (byte)'X', (byte)'Y', 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 9, 9, 9, 9 }, WebSocketMessageType.Binary)]
    [InlineData(new byte[] { (byte)'{', (byte)'x' }, WebSocketMessageType.Text)]
    [InlineData(new byte[] { (byte)'[', (byte)']' }, WebSocketMessageType.Text)]
    public async Task Garbage_gets_an_error_reply_and_the_connection_stays_usable(byte[] message, WebSocketMessageType type)
    {
        await using var server = await TestServer.StartAsync();
        using var client = await LiveClient.ConnectAsync(server.WebSocketUri);
        await client.SendAsync(message, type);
        JsonElement error = await client.ReceiveReplyAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());

        await client.SendTextAsync("""{"type":"config","numFaces":99}""");
        Assert.Equal("error", (await client.ReceiveReplyAsync()).GetProperty("type").GetString());

        await client.SendAsync(LiveClient.Frame(16, 16, 3, new byte[16 * 16 * 4]));
        Assert.Equal("result", (await client.ReceiveReplyAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Connections_beyond_the_pipeline_limit_are_refused_with_try_again_later_and_the_slot_returns()
    {
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxPipelines = 1 });
        using (var first = await LiveClient.ConnectAsync(server.WebSocketUri))
        {
            Assert.Equal("ready", (await first.ReceiveAsync())!.Value.GetProperty("type").GetString());

            using var second = await LiveClient.ConnectAsync(server.WebSocketUri);
            JsonElement refusal = (await second.ReceiveAsync())!.Value;
            Assert.Equal("busy", refusal.GetProperty("code").GetString());
            Assert.Contains("all 1 face pipelines", refusal.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Null(await second.ReceiveAsync());
            Assert.Equal(1013, (int)second.Socket.CloseStatus!);

            using var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "image", "x.png" } };
            using HttpResponseMessage detect = await server.Http.PostAsync("/api/detect", upload);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, detect.StatusCode);

            await first.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        Assert.Equal(0, await server.WaitForActivePipelinesAsync(0, TimeSpan.FromSeconds(10)));
        using var third = await LiveClient.ConnectAsync(server.WebSocketUri);
        Assert.Equal("ready", (await third.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_client_that_connects_and_sends_nothing_is_closed_after_the_idle_timeout_and_frees_its_pipeline()
    {
        var idle = TimeSpan.FromSeconds(1.5);
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxPipelines = 1, IdleTimeout = idle });
        using var stalled = await LiveClient.ConnectAsync(server.WebSocketUri);
        Assert.Equal(1, await server.WaitForActivePipelinesAsync(1, TimeSpan.FromSeconds(10)));

        Assert.Equal(0, await server.WaitForActivePipelinesAsync(0, idle * 20));
        // The stalled client is told why (after its ready message).
        JsonElement? message;
        while ((message = await stalled.ReceiveAsync(TimeSpan.FromSeconds(10))) is not null) { }
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stalled.Socket.CloseStatus);
        Assert.Contains("no complete message", stalled.Socket.CloseStatusDescription, StringComparison.Ordinal);

        using var next = await LiveClient.ConnectAsync(server.WebSocketUri);
        Assert.Equal("ready", (await next.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_client_that_stops_half_way_through_a_frame_is_closed_and_frees_its_pipeline()
    {
        var idle = TimeSpan.FromSeconds(1.5);
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxPipelines = 1, IdleTimeout = idle });
        using var trickling = await LiveClient.ConnectAsync(server.WebSocketUri);
        byte[] frame = LiveClient.Frame(64, 64, 1, new byte[64 * 64 * 4]);
        // The header and half the pixels, as a message that never ends.
        await trickling.Socket.SendAsync(frame.AsMemory(0, frame.Length / 2), WebSocketMessageType.Binary, false, CancellationToken.None);
        Assert.Equal(1, await server.WaitForActivePipelinesAsync(1, TimeSpan.FromSeconds(10)));

        Assert.Equal(0, await server.WaitForActivePipelinesAsync(0, idle * 20));
        using var next = await LiveClient.ConnectAsync(server.WebSocketUri);
        Assert.Equal("ready", (await next.ReceiveAsync())!.Value.GetProperty("type").GetString());
    }
}
