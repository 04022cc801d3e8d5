namespace FaceMesh.Batch;

/// <summary>One file of a corpus as found on disk: what decides whether its results are still current.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Size">Length in bytes, or -1 if the file could not be examined.</param>
/// <param name="LastWriteUtc">Modification time.</param>
public sealed record InputFile(string Path, long Size, DateTime LastWriteUtc)
{
    public static InputFile FromPath(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        var info = new FileInfo(full);
        return info.Exists ? new InputFile(full, info.Length, info.LastWriteTimeUtc) : new InputFile(full, -1, DateTime.MinValue);
    }

    public MediaKind Kind => MediaKinds.Of(Path);
}
