namespace FaceMesh.Evaluation;

/// <summary>
/// Which group each image belongs to (the model card's fairness table compares groups of faces),
/// from a CSV of <c>image,group</c> rows; a header row <c>image,group</c> is allowed. Images are named
/// as in the dataset (relative path) or by file name alone.
/// </summary>
public sealed class FaceGroups
{
    private readonly Dictionary<string, string> _byName;

    private FaceGroups(Dictionary<string, string> byName) => _byName = byName;

    /// <summary>Group name used for images the CSV does not mention.</summary>
    public const string Ungrouped = "(ungrouped)";

    /// <exception cref="FormatException">A row does not have two fields, or names an image twice.</exception>
    public static FaceGroups Read(string path)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            string[] fields = text.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            if (fields.Length != 2 || fields[0].Length == 0 || fields[1].Length == 0)
                throw new FormatException($"{path}:{i + 1}: expected 'image,group', found '{text}'");
            if (i == 0 && fields[0].Equals("image", StringComparison.OrdinalIgnoreCase)) continue;
            if (!byName.TryAdd(fields[0].Replace('\\', '/'), fields[1]))
                throw new FormatException($"{path}:{i + 1}: image '{fields[0]}' is listed twice");
        }
        return new FaceGroups(byName);
    }

    public static FaceGroups FromPairs(IEnumerable<(string Image, string Group)> pairs) =>
        new(pairs.ToDictionary(p => p.Image, p => p.Group, StringComparer.Ordinal));

    /// <summary>The group of an image named <paramref name="name"/> (relative path), by full name first, then file name.</summary>
    public string GroupOf(string name) =>
        _byName.TryGetValue(name, out string? group) || _byName.TryGetValue(Path.GetFileName(name), out group) ? group : Ungrouped;
}
