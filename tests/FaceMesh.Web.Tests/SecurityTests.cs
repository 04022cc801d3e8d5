using System.Net;
using System.Net.Sockets;
using System.Text;
using FaceMesh.Web.Tests.Support;

namespace FaceMesh.Web.Tests;

/// <summary>What every response carries, and that no request path reaches the file system.</summary>
public sealed class SecurityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/health")]
    [InlineData("/no/such/page")]
    public async Task Every_response_forbids_inline_script_framing_and_sniffing(string path)
    {
        await using var server = await TestServer.StartAsync();
        using HttpResponseMessage response = await server.Http.GetAsync(path);
        string csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_page_has_no_inline_script_or_style_and_loads_nothing_from_other_origins()
    {
        await using var server = await TestServer.StartAsync();
        string html = await server.Http.GetStringAsync("/");
        Assert.Contains("<script src=\"/app.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Equal(1, html.Split("<script").Length - 1);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", "", StringComparison.Ordinal), StringComparison.Ordinal);
        using HttpResponseMessage js = await server.Http.GetAsync("/app.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/../../etc/passwd")]
    [InlineData("/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/app.js/../../../../etc/passwd")]
    [InlineData("//etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/%2fetc%2fpasswd")]
    [InlineData("/..\\..\\etc\\passwd")]
    [InlineData("/FaceMesh.Web.dll")]
    [InlineData("/wwwroot/index.html")]
    [InlineData("/appsettings.json")]
    public async Task No_request_path_reaches_the_file_system(string path)
    {
        await using var server = await TestServer.StartAsync();
        // A raw request line: HttpClient would normalise the dots away before sending.
        (int status, string body) = await RawGetAsync(server.BaseAddress, path);
        Assert.Equal(404, status);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_get_serves_the_page()
    {
        await using var server = await TestServer.StartAsync();
        using HttpResponseMessage post = await server.Http.PostAsync("/", new StringContent("x"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private static async Task<(int Status, string Body)> RawGetAsync(Uri server, string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using NetworkStream stream = tcp.GetStream();
        byte[] request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response = await reader.ReadToEndAsync();
        string[] statusLine = response.Split("\r\n", 2)[0].Split(' ');
        return (int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture), response);
    }
}
