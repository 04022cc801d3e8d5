using System.Diagnostics;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Runtime.Tests.ModelReading;

/// <summary>
/// Runs one parse of hostile input and fails the test unless it either succeeds or throws one of
/// the two documented exceptions, finishes quickly and allocates no more than the input justifies.
/// </summary>
internal sealed class FuzzCheck(long allocationLimit)
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public void Run(Action parse, Func<string> describe)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            parse();
            Accepted++;
        }
        catch (Exception e) when (e is ModelFormatException or UnsupportedModelException)
        {
            Rejected++;
        }
        catch (Exception e)
        {
            Assert.Fail($"{describe()}: unexpected {e.GetType().Name}: {e}");
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(clock.Elapsed < TimeLimit, $"{describe()}: parse took {clock.Elapsed}.");
        Assert.True(allocated <= allocationLimit, $"{describe()}: parse allocated {allocated} bytes (limit {allocationLimit}).");
    }
}
