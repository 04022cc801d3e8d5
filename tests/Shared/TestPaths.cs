using System.Reflection;

namespace FaceMesh.Testing;

/// <summary>
/// The repository root, stamped into each test assembly at build time (tests/Directory.Build.props),
/// so committed test data and fetched fixtures are found wherever the build output goes.
/// </summary>
internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where scripts/fetch-fixtures.sh puts the face fixtures (override: FACEMESH_FIXTURES).</summary>
    public static string FixturesDir =>
        Environment.GetEnvironmentVariable("FACEMESH_FIXTURES") is { Length: > 0 } env ? env : Path.Combine(Root, ".cache", "fixtures");

    public static string Fixture(string name) => Path.Combine(FixturesDir, name);

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        string? stamped = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "FaceMesh.slnx"))) return stamped;
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceMesh.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"Cannot find the repository root (FaceMesh.slnx) from {AppContext.BaseDirectory}.");
    }
}
