using FaceMesh.Media.Files;

namespace FaceMesh.Cli.Output;

/// <summary>
/// Refuses, before any work, a command line whose outputs would destroy one of its inputs or
/// each other. Files are compared by identity (device and inode after links), not by spelling,
/// so a symlink or hard link to the input is caught as well as the input's own name.
/// </summary>
internal static class OutputGuard
{
    /// <summary>Standard output: never a file to compare.</summary>
    public const string StandardOutput = "-";

    /// <param name="outputs">Each output as (option name, path); null or "-" paths are skipped.</param>
    public static void Check(IReadOnlyList<string> inputs, params (string Option, string? Path)[] outputs)
    {
        var named = outputs.Where(o => o.Path is { } p && p != StandardOutput).Select(o => (o.Option, Path: o.Path!)).ToList();
        foreach (var (option, path) in named)
        {
            foreach (string input in inputs)
            {
                if (FileIdentity.AreSame(input, path))
                    throw new ArgumentException($"{option} '{path}' is the input '{input}' (the same file); choose another output path.");
            }
        }
        for (int i = 0; i < named.Count; i++)
        {
            for (int j = i + 1; j < named.Count; j++)
            {
                if (Destination(named[i].Path) == Destination(named[j].Path))
                    throw new ArgumentException($"{named[i].Option} and {named[j].Option} both name '{named[j].Path}'; give each output its own file.");
            }
        }
    }

    /// <summary>An existing file's identity, or for a file still to be created its folder's identity and its name.</summary>
    private static (FileIdentity? File, FileIdentity? Folder, string Name) Destination(string path)
    {
        if (FileIdentity.Of(path) is { } existing) return (existing, null, "");
        string full = Path.GetFullPath(path);
        return (null, FileIdentity.Of(Path.GetDirectoryName(full) ?? "."), Path.GetFileName(full));
    }
}
