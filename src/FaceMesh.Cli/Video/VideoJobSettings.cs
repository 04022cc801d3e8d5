using FaceMesh.Cli.Rendering;

namespace FaceMesh.Cli.Video;

/// <summary>Everything <see cref="VideoJob"/> needs, validated by the command before any file is opened.</summary>
/// <param name="Input">Video to read.</param>
/// <param name="Output">Video to write (container from the extension), or null to only track (no drawing, no encoding).</param>
/// <param name="Pipeline">Landmarker options, in video mode.</param>
/// <param name="Renderer">Effects drawn on each frame (unused without an output).</param>
/// <param name="JsonLinesPath">Per-frame JSON Lines file ("-" for standard output), or null.</param>
internal sealed record VideoJobSettings(string Input, string? Output, FaceLandmarkerOptions Pipeline, FaceRenderer Renderer, string? JsonLinesPath)
{
    /// <summary>Live Link Face CSV take to write (blendshapes need <see cref="FaceLandmarkerOptions.OutputFaceBlendshapes"/>), or null.</summary>
    public string? LiveLinkCsvPath { get; init; }
}
