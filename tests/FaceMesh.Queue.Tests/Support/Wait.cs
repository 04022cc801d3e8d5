using System.Diagnostics;

namespace FaceMesh.Queue.Tests.Support;

internal static class Wait
{
    /// <summary>Polls until the condition holds; fails with the given explanation after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> explain, int pollMs = 200)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false)) return;
            }
            catch (Exception e) when (clock.Elapsed < timeout && e is not Xunit.Sdk.XunitException)
            {
                // Servers restarting or not yet up: keep polling until the deadline.
            }
            if (clock.Elapsed >= timeout) Assert.Fail($"Timed out after {timeout.TotalSeconds:F0} s: {explain()}");
            await Task.Delay(pollMs).ConfigureAwait(false);
        }
    }
}
