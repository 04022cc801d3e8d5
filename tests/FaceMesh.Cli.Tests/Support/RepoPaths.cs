using System.Reflection;

namespace FaceMesh.Cli.Tests.Support;

/// <summary>The repository root (stamped into the test assembly at build time) and the fetched fixtures under it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string FixturesDir =>
        Environment.GetEnvironmentVariable("FACEMESH_FIXTURES") is { Length: > 0 } env ? env : Path.Combine(Root, ".cache", "fixtures");

    public static string Fixture(string name) => Path.Combine(FixturesDir, name);

    private static string FindRoot()
    {
        string? stamped = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "FaceMesh.slnx"))) return stamped;
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceMesh.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"Cannot find the repository root (FaceMesh.slnx) from {AppContext.BaseDirectory}.");
    }
}
