using System.CommandLine;
using System.CommandLine.Help;
using FaceMesh.Cli.Commands;
using FaceMesh.Cli.Output;

namespace FaceMesh.Cli;

internal static class Program
{
    /// <summary>The command's name in usage lines, also the dotnet tool's command (ToolCommandName).</summary>
    internal const string CommandName = "facemesh";

    private static async Task<int> Main(string[] args)
    {
        // Not a RootCommand: its name would be the assembly's (FaceMesh.Cli), and the usage lines must
        // say `facemesh` however the command is started (dotnet tool, ./facemesh launcher).
        var root = new Command(CommandName, "MediaPipe Face Mesh in pure .NET: detect faces, fit the 468/478-point mesh, render, benchmark.")
        {
            new HelpOption(),
            new VersionOption(),
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
            ServeCommand.Create(),
            PuppetCommand.Create(),
        };
        ParseResult parsed = root.Parse(args);
        // Usage mistakes stop here, before any work: one line on stderr, never the help on stdout
        // (where it would land in a JSON Lines stream).
        if ((parsed.Errors.Count > 0 ? parsed.Errors[0].Message : CommandLineChecks.FirstProblem(parsed)) is { } problem)
        {
            string command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            await Console.Error.WriteLineAsync($"facemesh: {problem.ReplaceLineEndings(" ").Trim()}\nsee 'facemesh {command}--help'").ConfigureAwait(false);
            return CliError.Usage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                // Ctrl-C and SIGTERM cancel the command's token; the grace period lets `video`
                // finalise its output. Nothing else waits that long: every read honours the token.
                ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
            }).ConfigureAwait(false);
        }
        catch (StandardOutputClosedException)
        {
            return StandardOutputClosedException.ExitCode;
        }
        catch (Exception ex) when (CliError.IsUserFacing(ex))
        {
            await Console.Error.WriteLineAsync($"facemesh: {CliError.OneLine(ex)}").ConfigureAwait(false);
            return CliError.ExitCode(ex);
        }
    }
}
