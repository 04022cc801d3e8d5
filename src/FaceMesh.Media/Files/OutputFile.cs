namespace FaceMesh.Media.Files;

/// <summary>
/// One output written under a temporary name beside its destination and renamed over it only when
/// complete, so a failure or a crash never leaves a truncated or empty file where the user's file
/// was. A destination that is a symbolic link keeps the link: the file it points to is replaced.
/// Devices and pipes (/dev/null, a FIFO) cannot be renamed over and are written in place.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private bool _committed;

    private OutputFile(string destination, string writePath)
    {
        Destination = destination;
        WritePath = writePath;
    }

    /// <summary>The full path the finished file will have (links resolved).</summary>
    public string Destination { get; }

    /// <summary>Where to write now: a hidden temporary name in the destination's folder, with the same extension.</summary>
    public string WritePath { get; }

    /// <summary>False when the destination is a device or pipe written directly.</summary>
    public bool IsTemporary => !string.Equals(WritePath, Destination, StringComparison.Ordinal);

    /// <exception cref="MediaException">The destination's folder does not exist, or the destination is a folder.</exception>
    public static OutputFile Begin(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string destination = FileIdentity.ResolvedPath(path) ?? Path.GetFullPath(path);
        if (Directory.Exists(destination)) throw new MediaException($"Cannot write '{path}': it is a directory");
        string directory = Path.GetDirectoryName(destination) ?? ".";
        if (!Directory.Exists(directory)) throw new MediaException($"Output directory does not exist: {directory}");
        if (FileIdentity.Of(destination) is { IsRegularFile: false }) return new OutputFile(destination, destination);
        string temporary = Path.Combine(directory,
            $".{Path.GetFileNameWithoutExtension(destination)}.{Guid.NewGuid():N}.partial{Path.GetExtension(destination)}");
        return new OutputFile(destination, temporary);
    }

    /// <summary>Moves the finished file into place (one rename: readers see the old file or the new one, never a mix).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        _committed = true;
        if (IsTemporary) File.Move(WritePath, Destination, overwrite: true);
    }

    /// <summary>Removes the temporary file unless it was committed; the destination is untouched.</summary>
    public void Dispose()
    {
        if (_committed || !IsTemporary) return;
        _committed = true;
        try { File.Delete(WritePath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
