using System.Numerics;
using System.Text.RegularExpressions;

namespace FaceMesh.Evaluation;

/// <summary>One annotated face: its 68 iBUG points in FaceMesh pixel coordinates.</summary>
/// <param name="Id">Which face of the image: "" for <c>X.pts</c>, "2" for <c>X_2.pts</c>, the 1-based position in a JSON file.</param>
public sealed record AnnotatedFace(string Id, Vector2[] Points);

/// <summary>An image and the faces annotated in it (other faces in it are ignored).</summary>
/// <param name="Name">Path relative to the dataset directory, '/'-separated: how reports and group files name it.</param>
public sealed record AnnotatedImage(string Path, string Name, IReadOnlyList<AnnotatedFace> Faces);

/// <summary>An input that could not be used, and why; the run goes on without it.</summary>
public sealed record SkippedInput(string Path, string Reason);

/// <summary>Images with their annotations found under a directory, and the annotation files that could not be used.</summary>
public sealed partial class AnnotatedDataset
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".ppm", ".pgm", ".bmp", ".webp", ".tif", ".tiff",
    };

    public AnnotatedDataset(string root, AnnotationFormat format, IReadOnlyList<AnnotatedImage> images, IReadOnlyList<SkippedInput> skipped)
    {
        Root = root;
        Format = format;
        Images = images;
        Skipped = skipped;
    }

    public string Root { get; }

    public AnnotationFormat Format { get; }

    /// <summary>Images in ordinal order of their names.</summary>
    public IReadOnlyList<AnnotatedImage> Images { get; }

    /// <summary>Malformed annotation files and annotations without an image.</summary>
    public IReadOnlyList<SkippedInput> Skipped { get; }

    public int FaceCount => Images.Sum(i => i.Faces.Count);

    /// <summary>
    /// Scans <paramref name="directory"/> (recursively) for images with annotations beside them. A malformed
    /// annotation file or one without its image is listed in <see cref="Skipped"/>, never silently dropped.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static AnnotatedDataset Load(string directory, AnnotationFormat format, Ibug68Correspondence? correspondence = null)
    {
        correspondence ??= Ibug68Correspondence.Default;
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Dataset directory not found: {directory}");
        string root = System.IO.Path.GetFullPath(directory);
        string[] files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        var imageByStem = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string file in files)
            if (ImageExtensions.Contains(System.IO.Path.GetExtension(file))) imageByStem.TryAdd(Stem(file), file);

        string annotationExtension = format == AnnotationFormat.Pts ? ".pts" : ".json";
        var faces = new Dictionary<string, List<AnnotatedFace>>(StringComparer.Ordinal);
        var skipped = new List<SkippedInput>();
        foreach (string file in files)
        {
            if (!string.Equals(System.IO.Path.GetExtension(file), annotationExtension, StringComparison.OrdinalIgnoreCase)) continue;
            string stem = Stem(file);
            string? image;
            string id = "";
            if (!imageByStem.TryGetValue(stem, out image))
            {
                Match numbered = NumberedFace().Match(stem);
                if (!numbered.Success || !imageByStem.TryGetValue(numbered.Groups[1].Value, out image))
                {
                    skipped.Add(new SkippedInput(file, "no image beside this annotation (expected X.jpg for X.pts or X_N.pts)"));
                    continue;
                }
                id = numbered.Groups[2].Value;
            }
            try
            {
                List<AnnotatedFace> list = faces.TryGetValue(image, out var existing) ? existing : faces[image] = [];
                if (format == AnnotationFormat.Pts)
                {
                    list.Add(new AnnotatedFace(id, PtsFile.Read(file)));
                }
                else
                {
                    IReadOnlyList<Vector2[]> meshes = MediaPipeJsonFile.Read(file);
                    for (int k = 0; k < meshes.Count; k++)
                        list.Add(new AnnotatedFace(id.Length > 0 ? $"{id}.{k + 1}" : (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            correspondence.ToIbug68(meshes[k])));
                }
            }
            catch (Exception ex) when (ex is AnnotationFormatException or IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedInput(file, ex is AnnotationFormatException ? ex.Message[(file.Length + 1)..].TrimStart() : ex.Message));
            }
        }

        var images = faces.Where(pair => pair.Value.Count > 0)
            .Select(pair => new AnnotatedImage(pair.Key, RelativeName(root, pair.Key), pair.Value.OrderBy(f => f.Id, FaceIdComparer.Instance).ToArray()))
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToArray();
        return new AnnotatedDataset(root, format, images, skipped);
    }

    public static string RelativeName(string root, string path) => System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');

    private static string Stem(string path) => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", System.IO.Path.GetFileNameWithoutExtension(path));

    [GeneratedRegex(@"^(.*)_(\d+)$")]
    private static partial Regex NumberedFace();

    /// <summary>"2" before "10": face ids are numbers when they can be.</summary>
    private sealed class FaceIdComparer : IComparer<string>
    {
        public static readonly FaceIdComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            bool xn = int.TryParse(x, out int xi), yn = int.TryParse(y, out int yi);
            return xn && yn ? xi.CompareTo(yi) : string.CompareOrdinal(x, y);
        }
    }
}
