namespace FaceMesh.Media;

/// <summary>
/// A damaged image (truncated or corrupt data) refused because <see cref="ImageReadOptions.Strict"/>
/// was set, or because the caller had no way to receive warnings. Lets callers tell damage, which
/// the same reader would accept with warnings, from an unsupported or unreadable input.
/// </summary>
public sealed class ImageDamagedException : MediaException
{
    public ImageDamagedException() => Warnings = [];

    public ImageDamagedException(string message) : base(message) => Warnings = [];

    public ImageDamagedException(string message, Exception innerException) : base(message, innerException) => Warnings = [];

    public ImageDamagedException(string message, IReadOnlyList<string> warnings) : base(message) => Warnings = warnings;

    /// <summary>What the decoder said about the data, as <see cref="ImageReadResult.Warnings"/> would have.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
