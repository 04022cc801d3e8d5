namespace FaceMesh.Cli.Tests.Support;

/// <summary>
/// Runs the facemesh CLI as a child process (the build copies it next to the tests), so exit
/// codes, standard error and signals are exactly what a user sees.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "FaceMesh.Cli.dll");

    public static ToolRun Run(params string[] arguments) => Run(arguments, null);

    public static ToolRun Run(IEnumerable<string> arguments, Action<System.Diagnostics.Process>? whileRunning)
    {
        if (!File.Exists(Assembly)) throw new FileNotFoundException("The CLI was not copied next to the tests", Assembly);
        // The SDK tells test runs which host it uses; outside it, the one on PATH does.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return ToolRun.Start(dotnet, [Assembly, .. arguments], Timeout, whileRunning);
    }
}
