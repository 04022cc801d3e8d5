namespace FaceMesh.Cli.Tests.Support;

/// <summary>A fact that needs fetched fixture photos; skipped, saying why, when they are absent (./test.sh fetches them).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(params string[] files)
    {
        string[] missing = [.. files.Where(f => !File.Exists(RepoPaths.Fixture(f)))];
        if (missing.Length > 0) Skip = $"missing fixture(s) {string.Join(", ", missing)} in {RepoPaths.FixturesDir} (run ./test.sh once)";
    }
}
