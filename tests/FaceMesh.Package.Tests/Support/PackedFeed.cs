using System.IO.Compression;
using System.Text.RegularExpressions;
using FaceMesh.Cli.Tests.Support;

namespace FaceMesh.Package.Tests.Support;

/// <summary>
/// Packs every shipped project once into a temporary folder feed, and gives a NuGet.config that
/// takes FaceMesh* from that feed only (everything else from nuget.org) with its own global
/// packages folder, so nothing cached from an earlier run or another checkout can stand in.
/// Build output goes to the temporary folder too (--artifacts-path): the repository's bin/obj
/// are left as the other tests built them.
/// </summary>
public sealed partial class PackedFeed : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);

    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("facemesh-pack-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Projects = [.. Directory.GetFiles(TestPaths.InRepo("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("<IsPackable>true</IsPackable>", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        // One solution of the shipped projects, so one `dotnet pack` builds and packs them all.
        string solution = Path.Combine(Root, "packages.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(Projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        Pack = Dotnet(PackTimeout, "pack", solution, "-c", "Release", "-nologo",
            "--artifacts-path", Path.Combine(Root, "artifacts"), $"-p:PackageOutputPath={Feed}/", "-p:ContinuousIntegrationBuild=true");
        Version = Pack.ExitCode == 0 ? VersionOf("FaceMesh.Cli") : "";
        // Written after packing, so the pack's own restore uses the machine's usual sources and cache.
        NuGetConfig = Path.Combine(Root, "NuGet.Config");
        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" /></config>
              <packageSources>
                <clear />
                <add key="facemesh-feed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="facemesh-feed"><package pattern="FaceMesh" /><package pattern="FaceMesh.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
    }

    /// <summary>The temporary folder: feed/, artifacts/, packages/, NuGet.Config and whatever tests put there.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string NuGetConfig { get; }

    /// <summary>The csproj files that opt into packing.</summary>
    public IReadOnlyList<string> Projects { get; }

    internal ToolRun Pack { get; }

    /// <summary>The version the packages were given (Directory.Build.props), read back from a file name.</summary>
    public string Version { get; }

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The text of one entry of a package (the .nuspec, README.md, NOTICE...).</summary>
    public static string ReadEntry(string nupkg, Func<string, bool> match)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        ZipArchiveEntry entry = zip.Entries.FirstOrDefault(e => match(e.FullName))
            ?? throw new InvalidOperationException($"{Path.GetFileName(nupkg)} has no such entry; it has {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<string> Entries(string nupkg)
    {
        using ZipArchive zip = ZipFile.OpenRead(nupkg);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>Runs the dotnet CLI; paths in <paramref name="arguments"/> are absolute, so no working directory matters.</summary>
    internal static ToolRun Dotnet(TimeSpan timeout, params string[] arguments)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        return ToolRun.Start(host, arguments, timeout, environment: new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // No build node, MSBuild server or compiler server may outlive the command: one left
            // holding the test host's output open keeps `dotnet test` waiting for minutes.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        });
    }

    private string VersionOf(string id)
    {
        Regex pattern = new($"^{Regex.Escape(id)}\\.(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?)\\.nupkg$");
        return Directory.GetFiles(Feed).Select(f => pattern.Match(Path.GetFileName(f))).First(m => m.Success).Groups[1].Value;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
