using System.Collections.Immutable;
using FaceMesh.Effects;

namespace FaceMesh.Cli.Rendering;

/// <summary>
/// A connection set reduced to distinct undirected edges, built once. The tesselation lists each
/// inner edge twice (once per triangle), so drawing it as given strokes most lines twice; here a
/// repeated edge is drawn once with <see cref="Repeats"/> telling the stroke to cover as two
/// passes of the same colour would, which halves the work and keeps the look.
/// </summary>
internal sealed class PlaneEdges
{
    private PlaneEdges(int[] starts, int[] ends, byte[] repeats)
    {
        Starts = starts;
        Ends = ends;
        Repeats = repeats;
    }

    public int[] Starts { get; }
    public int[] Ends { get; }
    public byte[] Repeats { get; }
    public int Count => Starts.Length;

    public static PlaneEdges Tesselation { get; } = From(FaceMeshConnections.Tesselation);
    public static PlaneEdges FaceOval { get; } = From(FaceMeshConnections.FaceOval);
    public static PlaneEdges Lips { get; } = From(FaceMeshConnections.Lips);
    public static PlaneEdges RightEye { get; } = From(FaceMeshConnections.RightEye);
    public static PlaneEdges RightEyebrow { get; } = From(FaceMeshConnections.RightEyebrow);
    public static PlaneEdges LeftEye { get; } = From(FaceMeshConnections.LeftEye);
    public static PlaneEdges LeftEyebrow { get; } = From(FaceMeshConnections.LeftEyebrow);
    public static PlaneEdges RightIris { get; } = From(FaceMeshConnections.RightIris);
    public static PlaneEdges LeftIris { get; } = From(FaceMeshConnections.LeftIris);

    public static PlaneEdges From(ImmutableArray<LandmarkConnection> connections)
    {
        var order = new List<(int Low, int High)>();
        var repeats = new Dictionary<(int, int), int>();
        foreach (LandmarkConnection edge in connections)
        {
            var key = (Math.Min(edge.Start, edge.End), Math.Max(edge.Start, edge.End));
            if (repeats.TryGetValue(key, out int seen)) repeats[key] = seen + 1;
            else
            {
                repeats[key] = 1;
                order.Add(key);
            }
        }
        return new PlaneEdges([.. order.Select(e => e.Low)], [.. order.Select(e => e.High)],
            [.. order.Select(e => (byte)Math.Min(repeats[e], byte.MaxValue))]);
    }
}
