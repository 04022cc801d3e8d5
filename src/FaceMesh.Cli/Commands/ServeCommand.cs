using System.CommandLine;
using FaceMesh.Web;

namespace FaceMesh.Cli.Commands;

/// <summary><c>facemesh serve</c>: the live web demo (webcam, video or photo in the browser) on this machine.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (ignored when --urls is given)", DefaultValueFactory = _ => 5080 };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on instead, separated by ';' (e.g. http://0.0.0.0:8080 to serve other machines)" };
        var maxPipelines = new Option<int>("--max-pipelines")
        {
            Description = "Face pipelines that may run at once; further connections are refused",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("serve", "Serve the live demo page: the browser sends camera, video or photo frames, the server runs the mesh") { port, urls, maxPipelines };
        command.SetAction(async (parse, cancellation) =>
        {
            int chosenPort = parse.GetValue(port);
            if (chosenPort is < 0 or > 65535) throw new ArgumentException($"--port must be between 0 and 65535, not {chosenPort}");
            string[] addresses = parse.GetValue(urls) is { Length: > 0 } list
                ? list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [$"http://127.0.0.1:{chosenPort}"];
            var options = new FaceMeshServerOptions { Urls = addresses, MaxPipelines = parse.GetValue(maxPipelines) };
            await using FaceMeshServer server = await StartAsync(options, cancellation).ConfigureAwait(false);
            foreach (Uri address in server.Addresses) Console.WriteLine($"facemesh: serving the demo at {address} (Ctrl-C to stop)");
            await server.RunUntilCancelledAsync(cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<FaceMeshServer> StartAsync(FaceMeshServerOptions options, CancellationToken cancellation)
    {
        try
        {
            return await FaceMeshServer.StartAsync(options, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException || e.InnerException is IOException)
        {
            // Kestrel reports a taken port as an IOException wrapping the socket error.
            throw new IOException($"cannot listen on {string.Join(", ", options.Urls)}: {e.Message}", e);
        }
    }
}
