using System.Collections.Immutable;

namespace FaceMesh.Effects;

/// <summary>
/// MediaPipe Face Mesh's named edge sets for drawing, with the subject's left/right (see
/// shared/spec/connections.md). The tables live in FaceMeshConnections.g.cs.
/// </summary>
public static partial class FaceMeshConnections
{
    private static ImmutableArray<LandmarkConnection> FromPairs(ReadOnlySpan<int> pairs)
    {
        var builder = ImmutableArray.CreateBuilder<LandmarkConnection>(pairs.Length / 2);
        for (int i = 0; i + 1 < pairs.Length; i += 2) builder.Add(new LandmarkConnection(pairs[i], pairs[i + 1]));
        return builder.MoveToImmutable();
    }
}
