using System.Diagnostics;

namespace FaceMesh.Web.Tests.Support;

/// <summary>Runs the facemesh CLI (copied next to the tests by the project reference) as a child process.</summary>
internal static class CliRun
{
    public static async Task<byte[]> StdoutAsync(string workingDirectory, params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FaceMesh.Cli.dll"));
        foreach (string a in arguments) info.ArgumentList.Add(a);
        using Process process = Process.Start(info)!;
        using var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        Assert.True(process.ExitCode == 0, $"facemesh {string.Join(' ', arguments)} failed: {await stderr}");
        return stdout.ToArray();
    }
}
