using Spectre.Console;

namespace FaceMesh.Cli.Progress;

/// <summary>Where progress bars go: standard error, and only when it is an interactive terminal.</summary>
internal static class ProgressTerminal
{
    /// <returns>A console on standard error, or null when logs or pipes should stay clean.</returns>
    public static IAnsiConsole? TryOpen()
    {
        if (Console.IsErrorRedirected) return null;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Profile.Capabilities.Interactive ? console : null;
    }
}
