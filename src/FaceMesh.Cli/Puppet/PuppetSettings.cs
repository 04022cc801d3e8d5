namespace FaceMesh.Cli.Puppet;

/// <summary>What <c>facemesh puppet</c> was asked to do, validated before any file is opened.</summary>
/// <param name="Input">Video or image to track.</param>
/// <param name="Output">Video (or, for an image input, image) to write.</param>
/// <param name="Pipeline">Landmarker options; geometry is switched on by the job.</param>
/// <param name="AvatarPath">.obj/.glb/.gltf avatar, or null for the canonical face.</param>
/// <param name="TexturePath">Image mapped through the avatar's texture coordinates, or null for plain skin.</param>
/// <param name="SideBySide">Put the input next to the avatar.</param>
/// <param name="GltfPath">Also write the take as an animated .glb, or null.</param>
/// <param name="LiveLinkCsvPath">Also write the blendshapes and head rotation per frame as a Live Link Face CSV take, or null.</param>
internal sealed record PuppetSettings(string Input, string Output, FaceLandmarkerOptions Pipeline, string? AvatarPath,
    string? TexturePath, bool SideBySide, string? GltfPath, string? LiveLinkCsvPath = null);
