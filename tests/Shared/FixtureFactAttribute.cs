namespace FaceMesh.Testing;

/// <summary>Why a fixture may be absent, for the skip message.</summary>
internal static class FixtureAvailability
{
    // MediaPipe's own golden data is copied from ../shared, which exists on developer machines and
    // CI but not on a user's machine; everything else comes from Debian packages via ./test.sh.
    private static readonly string[] SharedOnly = ["sergey.png", "expected_detection.pbtxt"];

    public static string? SkipReason(string[] files)
    {
        string[] missing = [.. files.Where(f => !File.Exists(TestPaths.Fixture(f)))];
        if (missing.Length == 0) return null;
        string why = missing.All(SharedOnly.Contains)
            ? "MediaPipe's own test data is copied from ../shared/fixtures, which exists only beside a developer or CI checkout"
            : "run scripts/fetch-fixtures.sh (./test.sh does) to fetch it";
        return $"fixture(s) {string.Join(", ", missing)} absent from {TestPaths.FixturesDir}: {why}";
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
