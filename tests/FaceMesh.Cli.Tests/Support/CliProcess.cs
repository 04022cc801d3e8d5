namespace FaceMesh.Cli.Tests.Support;

/// <summary>
/// Runs the facemesh CLI as a child process (the build copies it next to the tests), so exit
/// codes, standard error and signals are exactly what a user sees.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "FaceMesh.Cli.dll");

    /// <summary>The dotnet host: the one the SDK runs the tests with, else the one on PATH.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static ToolRun Run(params string[] arguments) => Run(arguments, null);

    public static ToolRun Run(IEnumerable<string> arguments, Action<System.Diagnostics.Process>? whileRunning,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Assembly)) throw new FileNotFoundException("The CLI was not copied next to the tests", Assembly);
        return ToolRun.Start(Host, [Assembly, .. arguments], Timeout, whileRunning, environment);
    }
}
