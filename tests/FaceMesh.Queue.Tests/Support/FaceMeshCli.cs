namespace FaceMesh.Queue.Tests.Support;

/// <summary>The facemesh CLI (copied next to the tests by the build), run as a child process.</summary>
internal static class FaceMeshCli
{
    private static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "FaceMesh.Cli.dll");
    private static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static ChildProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Start(Host, [Assembly, .. arguments], environment);

    /// <summary>Runs to completion; returns the exit code and output.</summary>
    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using ChildProcess run = Start(arguments, environment);
        if (!run.WaitForExit(timeout)) Assert.Fail($"facemesh {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds:F0} s:\n{run.Tail()}");
        run.WaitForExit(TimeSpan.FromSeconds(5));
        return (run.ExitCode, run.Output);
    }
}
