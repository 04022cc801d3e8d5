namespace FaceMesh.Web.Tests.Support;

/// <summary>
/// A fact that drives Debian's Chromium (installed by <c>scripts/install-deps.sh --tests</c>, which
/// ./test.sh runs); skipped with the reason when Chromium or the fixtures are absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute(params string[] fixtures) =>
        Skip = File.Exists(Chromium)
            ? FixtureAvailability.SkipReason(fixtures)
            : $"{Chromium} is not installed (./test.sh installs it: apt-get install chromium)";
}
