using SharpFuzz;

namespace FaceMesh.Fuzz;

/// <summary>
/// <c>FaceMesh.Fuzz TARGET</c> under afl-fuzz (instrumented by scripts/fuzz.sh); <c>FaceMesh.Fuzz
/// TARGET FILE...</c> replays inputs once each, to reproduce a finding without AFL.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out Action<byte[]>? target))
        {
            Console.Error.WriteLine($"usage: FaceMesh.Fuzz {{{string.Join('|', FuzzTargets.All.Keys)}}} [FILE...]");
            return 2;
        }
        if (args.Length > 1)
        {
            foreach (string file in args[1..]) target(File.ReadAllBytes(file));
            return 0;
        }
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            target(copy.ToArray());
        });
        return 0;
    }
}
