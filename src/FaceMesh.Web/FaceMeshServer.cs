using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceMesh.Web;

/// <summary>
/// The demo server: Kestrel with the embedded page at <c>/</c>, the live WebSocket at
/// <c>/ws</c>, <c>POST /api/detect</c>, <c>GET /api/health</c> and <c>GET /api/mesh</c>
/// (the connection sets the page draws). Nothing else answers, and nothing is read from or
/// written to disk on a request's behalf.
/// </summary>
public sealed class FaceMeshServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PipelinePool _pool;

    private FaceMeshServer(WebApplication app, PipelinePool pool, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        _pool = pool;
        Addresses = addresses;
    }

    /// <summary>The addresses Kestrel is bound to (with the real port when port 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Pipelines in use right now (live connections and running /api/detect requests).</summary>
    public int ActivePipelines => _pool.Active;

    public static async Task<FaceMeshServer> StartAsync(FaceMeshServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // No content root, no web root, no appsettings: the server's only files are in the assembly.
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The multipart envelope adds a little to the image itself.
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        });
        var pool = new PipelinePool(options.MaxPipelines);
        WebApplication app = builder.Build();
        Map(app, options, pool);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        IServerAddressesFeature? bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        Uri[] addresses = [.. (bound?.Addresses ?? []).Select(a => new Uri(a))];
        return new FaceMeshServer(app, pool, addresses);
    }

    private static void Map(WebApplication app, FaceMeshServerOptions options, PipelinePool pool)
    {
        EmbeddedAssets assets = EmbeddedAssets.Load();
        byte[] mesh = MeshConnectionsJson.Build();
        var detect = new DetectEndpoint(pool, options);
        app.Use((context, next) =>
        {
            SecurityHeaders.Apply(context.Response);
            return next(context);
        });
        app.UseRouting();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(10), KeepAliveTimeout = options.IdleTimeout });
        app.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                await DetectEndpoint.Problem(context, StatusCodes.Status400BadRequest, "/ws is a WebSocket endpoint").ConfigureAwait(false);
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await LiveSession.RunAsync(socket, options, pool, context.RequestAborted).ConfigureAwait(false);
        });
        app.MapPost("/api/detect", detect.HandleAsync);
        app.MapGet("/api/health", context => WriteHealthAsync(context, pool));
        app.MapGet("/api/mesh", context => WriteBytesAsync(context, mesh, "application/json"));
        // Lowest precedence: every path the routes above do not claim is looked up among the embedded files.
        app.Map("{**path}", async context =>
        {
            bool readOnly = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
            if (readOnly && assets.TryGet(context.Request.Path.Value ?? "", out EmbeddedAssets.Asset? asset))
            {
                await WriteBytesAsync(context, asset.Content, asset.ContentType).ConfigureAwait(false);
                return;
            }
            await DetectEndpoint.Problem(context, StatusCodes.Status404NotFound, "not found").ConfigureAwait(false);
        });
    }

    private static async Task WriteHealthAsync(HttpContext context, PipelinePool pool)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "ok");
        json.WriteStartObject("pipelines");
        json.WriteNumber("active", pool.Active);
        json.WriteNumber("max", pool.Max);
        json.WriteEndObject();
        json.WriteStartObject("frames");
        json.WriteNumber("received", pool.FramesReceived);
        json.WriteNumber("withFace", pool.FramesWithFace);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static Task WriteBytesAsync(HttpContext context, byte[] content, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    /// <summary>Completes when the server stops (after <paramref name="cancellationToken"/> is cancelled).</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
