using FaceMesh.Web;

namespace FaceMesh.Web.Tests.Support;

/// <summary>A real Kestrel server on 127.0.0.1 with a port the OS picks, stopped when disposed.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(FaceMeshServer server)
    {
        Server = server;
        BaseAddress = server.Addresses.Single();
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
    }

    public FaceMeshServer Server { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}/ws");

    public static async Task<TestServer> StartAsync(FaceMeshServerOptions? options = null)
    {
        options = (options ?? new FaceMeshServerOptions()) with { Urls = ["http://127.0.0.1:0"] };
        return new TestServer(await FaceMeshServer.StartAsync(options));
    }

    /// <summary>Polls until the server reports <paramref name="count"/> pipelines in use, or the timeout passes.</summary>
    public async Task<int> WaitForActivePipelinesAsync(int count, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (Server.ActivePipelines != count && DateTime.UtcNow < until) await Task.Delay(50);
        return Server.ActivePipelines;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
