using System.CommandLine;
using System.CommandLine.Help;
using FaceMesh.Cli.Commands;

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
