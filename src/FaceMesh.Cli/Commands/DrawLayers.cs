using FaceMesh.Effects;

namespace FaceMesh.Cli.Commands;

/// <summary>Parses the CLI's <c>--draw</c> lists (e.g. "tesselation,contours,irises", "mesh", "none").</summary>
internal static class DrawLayers
{
    public const string Help = "Comma-separated layers: tesselation, contours, irises, points; 'mesh' = all but points; 'none'";

    public static MeshLayers Parse(string text)
    {
        MeshLayers layers = MeshLayers.None;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            layers |= part.ToLowerInvariant() switch
            {
                "tesselation" or "tessellation" => MeshLayers.Tesselation,
                "contours" => MeshLayers.Contours,
                "irises" => MeshLayers.Irises,
                "points" => MeshLayers.Points,
                "mesh" => MeshLayers.Default,
                "none" => MeshLayers.None,
                _ => throw new ArgumentException($"Unknown --draw layer '{part}'. {Help}."),
            };
        }
        return layers;
    }
}
