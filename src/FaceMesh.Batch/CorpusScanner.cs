namespace FaceMesh.Batch;

/// <summary>
/// Turns command-line style inputs into the corpus: a folder contributes its image and video
/// files (recursively, by extension, in ordinal path order), <c>@list.txt</c> contributes the
/// paths listed in it (one a line, relative to the list's folder; blank lines and <c>#</c>
/// comments skipped), anything else is a file. Duplicates are dropped; a path that does not
/// exist is kept, so the run records it as failed rather than forgetting it.
/// </summary>
public static class CorpusScanner
{
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<InputFile>();
        foreach (string input in inputs)
        {
            foreach (string path in Paths(input))
            {
                InputFile file = InputFile.FromPath(path);
                if (seen.Add(file.Path)) files.Add(file);
            }
        }
        return files;
    }

    /// <summary>The paths listed in a list file.</summary>
    public static IEnumerable<string> ReadList(string listPath)
    {
        if (!File.Exists(listPath)) throw new FileNotFoundException($"List file not found: {listPath}", listPath);
        string folder = Path.GetDirectoryName(Path.GetFullPath(listPath)) ?? ".";
        foreach (string raw in File.ReadLines(listPath))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return Path.IsPathRooted(line) ? line : Path.Combine(folder, line);
        }
    }

    private static IEnumerable<string> Paths(string input)
    {
        if (input.StartsWith('@')) return ReadList(input[1..]).SelectMany(Paths);
        if (Directory.Exists(input))
        {
            return Directory.EnumerateFiles(input, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Where(MediaKinds.IsMedia)
                .Order(StringComparer.Ordinal);
        }
        return [input];
    }
}
