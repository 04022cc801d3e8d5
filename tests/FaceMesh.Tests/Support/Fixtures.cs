using FaceMesh.Imaging;
using FaceMesh.Media;

namespace FaceMesh.Tests.Support;

/// <summary>
/// The face photos <c>scripts/fetch-fixtures.sh</c> puts in <c>.cache/fixtures/</c>. Tests that
/// need them use <see cref="FixtureFactAttribute"/> so they skip, with the reason, where the
/// fixtures were not fetched.
/// </summary>
internal static class Fixtures
{
    public static string? Directory { get; } = Find();

    public static string? PathOf(string name)
    {
        if (Directory is null) return null;
        string path = System.IO.Path.Combine(Directory, name);
        return File.Exists(path) ? path : null;
    }

    public static ImageBuffer Read(string name) =>
        ImageFile.Read(PathOf(name) ?? throw new FileNotFoundException($"Fixture {name} is missing; run scripts/fetch-fixtures.sh."));

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FaceMesh.slnx")))
                return System.IO.Path.Combine(dir.FullName, ".cache", "fixtures");
        }
        // Built outside the tree (e.g. with --artifacts-path): fall back to the source location.
        string? source = SourceDirectory();
        for (var dir = source is null ? null : new DirectoryInfo(source); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FaceMesh.slnx")))
                return System.IO.Path.Combine(dir.FullName, ".cache", "fixtures");
        }
        return null;
    }

    private static string? SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetDirectoryName(path);
}

/// <summary>A fact that is skipped, saying why, when one of its fixture files is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(params string[] fixtures)
    {
        string[] missing = [.. fixtures.Where(f => Fixtures.PathOf(f) is null)];
        if (missing.Length > 0)
            Skip = $"Fixture(s) {string.Join(", ", missing)} not found under .cache/fixtures/ (run scripts/fetch-fixtures.sh).";
    }
}
