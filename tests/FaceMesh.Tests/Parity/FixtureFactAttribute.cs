namespace FaceMesh.Tests.Parity;

/// <summary>
/// A fact that needs fetched fixture files; it reports itself skipped, naming the files and why,
/// when they are absent (./test.sh fetches them; MediaPipe's own golden data only exists where
/// ../shared does).
/// </summary>
public sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(string reason, params string[] files)
    {
        string[] missing = files.Where(f => !File.Exists(RepoPaths.Fixture(f))).ToArray();
        if (missing.Length > 0) Skip = $"missing fixture(s) {string.Join(", ", missing)} in {RepoPaths.FixturesDir}: {reason}";
    }
}

/// <summary>The theory form of <see cref="FixtureFactAttribute"/>.</summary>
public sealed class FixtureTheoryAttribute : TheoryAttribute
{
    public FixtureTheoryAttribute(string reason, params string[] files)
    {
        string[] missing = files.Where(f => !File.Exists(RepoPaths.Fixture(f))).ToArray();
        if (missing.Length > 0) Skip = $"missing fixture(s) {string.Join(", ", missing)} in {RepoPaths.FixturesDir}: {reason}";
    }
}
