using System.Net;
using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Media;
using FaceMesh.Web.Tests.Support;

namespace FaceMesh.Web.Tests;

/// <summary><c>POST /api/detect</c> and <c>GET /api/health</c> through the real server.</summary>
public sealed class DetectApiTests
{
    [FixtureTheory("grace_hopper.jpg", "astronaut.png")]
    [InlineData("grace_hopper.jpg", "")]
    [InlineData("astronaut.png", "")]
    [InlineData("astronaut.png", "--geometry")]
    [InlineData("grace_hopper.jpg", "--thorough")]
    public async Task Detect_returns_byte_for_byte_the_object_facemesh_detect_prints_for_the_same_file(string fixture, string flag)
    {
        string[] arguments = flag.Length > 0 ? ["detect", fixture, flag] : ["detect", fixture];
        byte[] cliLine = await CliRun.StdoutAsync(TestPaths.FixturesDir, arguments);
        Assert.Equal((byte)'\n', cliLine[^1]);

        await using var server = await TestServer.StartAsync();
        string query = flag.Length > 0 ? $"?{flag[2..]}=true" : "";
        byte[] api = await PostImageAsync(server, File.ReadAllBytes(TestPaths.Fixture(fixture)), fixture, query, HttpStatusCode.OK);

        Assert.Equal(cliLine[..^1], api);
        using JsonDocument parsed = JsonDocument.Parse(api);
        Assert.Single(parsed.RootElement.GetProperty("faces").EnumerateArray());
    }

    [Fact]
    public async Task Health_reports_ok_and_the_pipeline_limit()
    {
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxPipelines = 3 });
        using JsonDocument health = JsonDocument.Parse(await server.Http.GetStringAsync("/api/health"));
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, health.RootElement.GetProperty("pipelines").GetProperty("max").GetInt32());
        Assert.Equal(0, health.RootElement.GetProperty("pipelines").GetProperty("active").GetInt32());
    }

    [Fact]
    public async Task An_upload_beyond_the_limit_gets_413()
    {
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxUploadBytes = 200_000 });
        // Within twice the limit, multipart framing included: HttpClient writes it all before reading,
        // so a larger body would race the server's refusal.
        byte[] body = await PostImageAsync(server, new byte[300_000], "big.png", "", HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("200000 bytes", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_declared_beyond_twice_the_limit_is_refused_before_it_is_sent()
    {
        // The client declares 50 MB, sends none of it and waits: the 413 must come without the server
        // waiting for (or reading) the body.
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxUploadBytes = 200_000 });
        using System.Net.Sockets.TcpClient client = await StartRawPostAsync(server, "b", 50_000_000);
        using System.Net.Sockets.NetworkStream stream = client.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        string? status = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_sends_the_whole_oversized_body_before_reading_still_gets_413()
    {
        // A raw connection that writes every byte first, slowly enough that the server answers
        // while the body is still arriving; it must neither have the connection cut under it nor lose the answer.
        await using var server = await TestServer.StartAsync(new FaceMeshServerOptions { MaxUploadBytes = 200_000 });
        const string boundary = "b0undary";
        byte[] head = System.Text.Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] tail = System.Text.Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        byte[] body = [.. head, .. new byte[350_000], .. tail];
        using System.Net.Sockets.TcpClient client = await StartRawPostAsync(server, boundary, body.Length);
        using System.Net.Sockets.NetworkStream stream = client.GetStream();
        for (int sent = 0; sent < body.Length; sent += 25_000)
        {
            await stream.WriteAsync(body.AsMemory(sent, Math.Min(25_000, body.Length - sent)));
            await Task.Delay(20);
        }
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        string? status = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 413", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an image at all", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_images_get_a_clear_error(string content, HttpStatusCode expected)
    {
        await using var server = await TestServer.StartAsync();
        byte[] body = await PostImageAsync(server, System.Text.Encoding.UTF8.GetBytes(content), "bad.jpg", "", expected);
        using JsonDocument error = JsonDocument.Parse(body);
        Assert.Contains("bad.jpg", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [FixtureFact("grace_hopper.jpg")]
    public async Task A_truncated_upload_is_answered_with_its_warnings_or_refused_with_422_when_strict()
    {
        byte[] jpeg = File.ReadAllBytes(TestPaths.Fixture("grace_hopper.jpg"));
        byte[] cut = jpeg[..(jpeg.Length * 6 / 10)];
        await using var server = await TestServer.StartAsync();

        using JsonDocument result = JsonDocument.Parse(await PostImageAsync(server, cut, "cut.jpg", "", HttpStatusCode.OK));
        using JsonDocument refused = JsonDocument.Parse(await PostImageAsync(server, cut, "cut.jpg", "?strict=true", HttpStatusCode.UnprocessableEntity));

        Assert.Equal("cut.jpg", result.RootElement.GetProperty("image").GetString());
        Assert.Contains(result.RootElement.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.Contains("Premature end of JPEG file", StringComparison.Ordinal));
        string error = refused.RootElement.GetProperty("error").GetString()!;
        Assert.Contains("'cut.jpg'", error, StringComparison.Ordinal);
        Assert.Contains("damaged", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_playlist_upload_is_refused_naming_it()
    {
        byte[] playlist = System.Text.Encoding.UTF8.GetBytes("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\n/etc/passwd\n#EXT-X-ENDLIST\n");
        await using var server = await TestServer.StartAsync();
        using JsonDocument error = JsonDocument.Parse(await PostImageAsync(server, playlist, "photo.jpg", "", HttpStatusCode.UnsupportedMediaType));
        Assert.Contains("'photo.jpg': not a supported still image", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_the_image_field_gets_400()
    {
        await using var server = await TestServer.StartAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "picture", "x.png" } };
        using HttpResponseMessage response = await server.Http.PostAsync("/api/detect", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("field 'image'", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        using HttpResponseMessage query = await server.Http.PostAsync("/api/detect?maxFaces=0", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        using HttpResponseMessage flag = await server.Http.PostAsync("/api/detect?thorough=maybe", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.BadRequest, flag.StatusCode);
    }

    [FixtureFact("grace_hopper.jpg")]
    public async Task Uploads_are_not_written_to_disk()
    {
        // ASP.NET Core spools large form files to ASPNETCORE_TEMP (else the temp directory); point
        // it at an empty directory for this process and upload well past the 64 kB spooling threshold.
        string spool = WebTestImages.TempDirectory("facemesh-web-spool");
        string? previous = Environment.GetEnvironmentVariable("ASPNETCORE_TEMP");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", spool);
        try
        {
            using ImageBuffer noise = new(700, 700, PixelFormat.Rgb24);
            new Random(11).NextBytes(noise.Memory.Span);
            string png = Path.Combine(WebTestImages.TempDirectory("facemesh-web-upload"), "noise.png");
            ImageFile.Write(noise.View, png);
            Assert.True(new FileInfo(png).Length > 1_000_000);

            await using var server = await TestServer.StartAsync();
            byte[] body = await PostImageAsync(server, File.ReadAllBytes(png), "noise.png", "", HttpStatusCode.OK);
            using JsonDocument result = JsonDocument.Parse(body);
            Assert.Equal(700, result.RootElement.GetProperty("width").GetInt32());
            Assert.Empty(Directory.EnumerateFileSystemEntries(spool));
            Directory.Delete(Path.GetDirectoryName(png)!, recursive: true);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", previous);
            Directory.Delete(spool, recursive: true);
        }
    }

    /// <summary>A connection that has sent a multipart POST's headers to /api/detect and none of its body.</summary>
    private static async Task<System.Net.Sockets.TcpClient> StartRawPostAsync(TestServer server, string boundary, long contentLength)
    {
        var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        await client.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /api/detect HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {contentLength}\r\n\r\n"));
        return client;
    }

    private static async Task<byte[]> PostImageAsync(TestServer server, byte[] image, string fileName, string query, HttpStatusCode expected)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(image), "image", fileName } };
        using HttpResponseMessage response = await server.Http.PostAsync("/api/detect" + query, form);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }
}
