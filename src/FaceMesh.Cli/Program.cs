using System.CommandLine;
using FaceMesh.Cli.Commands;

namespace FaceMesh.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("MediaPipe Face Mesh in pure .NET: detect faces, fit the 468/478-point mesh, render, benchmark.")
        {
            DetectCommand.Create(),
            AnnotateCommand.Create(),
            BenchCommand.Create(),
            VideoCommand.Create(),
            TrackCommand.Create(),
            BatchCommand.Create(),
            QueueCommand.Create(),
            WorkerCommand.Create(),
            MakeupCommand.Create(),
            EvalCommand.Create(),
        };
        ParseResult parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // Ctrl-C cancels the command's token; the grace period lets `video` finalise its output.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (CliError.IsUserFacing(ex))
        {
            await Console.Error.WriteLineAsync($"facemesh: {CliError.OneLine(ex)}").ConfigureAwait(false);
            return CliError.ExitCode(ex);
        }
    }
}
