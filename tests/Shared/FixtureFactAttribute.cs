namespace FaceMesh.Testing;

/// <summary>Why a fixture may be absent, for the skip message.</summary>
internal static class FixtureAvailability
{
    // Photos come from Debian packages, MediaPipe's golden data from tests/FaceMesh.Tests/Data/MediaPipe:
    // scripts/fetch-fixtures.sh (run by ./test.sh) puts both in the fixtures folder.
    public static string? SkipReason(string[] files)
    {
        string[] missing = [.. files.Where(f => !File.Exists(TestPaths.Fixture(f)))];
        if (missing.Length == 0) return null;
        return $"fixture(s) {string.Join(", ", missing)} absent from {TestPaths.FixturesDir}: run scripts/fetch-fixtures.sh (./test.sh does) to fetch it";
    }
}

/// <summary>A fact that needs fixture files; it reports itself skipped, with the reason, when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FixtureFactAttribute : FactAttribute
{
    public FixtureFactAttribute(params string[] files) => Skip = FixtureAvailability.SkipReason(files);
}

/// <summary>The theory form of <see cref="FixtureFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class FixtureTheoryAttribute : TheoryAttribute
{
    public FixtureTheoryAttribute(params string[] files) => Skip = FixtureAvailability.SkipReason(files);
}
