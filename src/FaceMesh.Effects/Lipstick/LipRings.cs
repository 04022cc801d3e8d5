using System.Collections.Immutable;

namespace FaceMesh.Effects;

/// <summary>
/// The lip connection set as two closed rings of landmark indices, walked in order: the outer
/// lip contour and the inner one (the mouth opening). Derived from <see cref="FaceMeshConnections.Lips"/>
/// rather than hand-listed, so the rings can never disagree with the drawn contour.
/// </summary>
internal static class LipRings
{
    /// <summary>The two rings in no particular order; tell them apart by area (the outer one is larger).</summary>
    public static ImmutableArray<ImmutableArray<int>> Rings { get; } = BuildRings(FaceMeshConnections.Lips);

    internal static ImmutableArray<ImmutableArray<int>> BuildRings(ImmutableArray<LandmarkConnection> edges)
    {
        var neighbours = new Dictionary<int, List<int>>();
        foreach (LandmarkConnection edge in edges)
        {
            Neighbours(neighbours, edge.Start).Add(edge.End);
            Neighbours(neighbours, edge.End).Add(edge.Start);
        }
        if (neighbours.Values.Any(n => n.Count != 2))
            throw new InvalidOperationException("Lip connections must form closed rings (every landmark with exactly two neighbours).");

        var visited = new HashSet<int>();
        var rings = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        foreach (int start in neighbours.Keys.Order())
        {
            if (visited.Contains(start)) continue;
            var ring = ImmutableArray.CreateBuilder<int>();
            int previous = -1, current = start;
            while (visited.Add(current))
            {
                ring.Add(current);
                List<int> next = neighbours[current];
                int following = next[0] != previous ? next[0] : next[1];
                previous = current;
                current = following;
            }
            rings.Add(ring.ToImmutable());
        }
        return rings.ToImmutable();
    }

    private static List<int> Neighbours(Dictionary<int, List<int>> map, int index)
    {
        if (!map.TryGetValue(index, out List<int>? list)) map[index] = list = [];
        return list;
    }
}
