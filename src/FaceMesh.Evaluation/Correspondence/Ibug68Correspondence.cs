using System.Numerics;
using System.Reflection;
using System.Text.Json;

namespace FaceMesh.Evaluation;

/// <summary>
/// MediaPipe Face Mesh vertex -> iBUG / 300-W 68-point correspondence, with the evaluation regions
/// and their trust tiers, from the embedded <c>mp468_to_ibug68.json</c> (see Data/README.md for its provenance).
/// </summary>
public sealed class Ibug68Correspondence
{
    public const int PointCount = 68;

    /// <summary>0-based iBUG indices of the eye corners whose midpoints define the inter-ocular distance.</summary>
    public const int RightEyeOuter = 36, RightEyeInner = 39, LeftEyeInner = 42, LeftEyeOuter = 45;

    private const string ResourceName = "FaceMesh.Evaluation.mp468_to_ibug68.json";

    // Report order: the trustworthy headline first, approximate regions last.
    private static readonly (string Key, string Title)[] RegionOrder =
    [
        ("core", "7-point core"), ("eye_corners", "eye corners"), ("eyes", "eyes"), ("nose", "nose"),
        ("lips", "lips"), ("brows", "brows"), ("jaw", "jaw"), ("all68", "all 68"),
    ];

    private readonly int[] _mediaPipeIndex;

    private Ibug68Correspondence(int[] mediaPipeIndex, IReadOnlyList<EvaluationRegion> regions, IReadOnlyDictionary<string, string> notes)
    {
        _mediaPipeIndex = mediaPipeIndex;
        Regions = regions;
        Notes = notes;
    }

    /// <summary>The shipped correspondence.</summary>
    public static Ibug68Correspondence Default { get; } = LoadEmbedded();

    /// <summary>Regions in report order: core, eye corners, eyes, nose, lips, brows, jaw, all 68.</summary>
    public IReadOnlyList<EvaluationRegion> Regions { get; }

    /// <summary>The file's per-region notes on how well each correspondence holds.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; }

    /// <summary>MediaPipe vertex standing for iBUG point <paramref name="ibugIndex"/>.</summary>
    public int MediaPipeIndex(int ibugIndex) => _mediaPipeIndex[ibugIndex];

    /// <summary>Picks the 68 iBUG-equivalent points out of a MediaPipe mesh (468 or 478 points).</summary>
    public Vector2[] ToIbug68(ReadOnlySpan<Vector2> mediaPipe)
    {
        if (mediaPipe.Length < 468)
            throw new ArgumentException($"A MediaPipe mesh has 468 or 478 points; got {mediaPipe.Length}.", nameof(mediaPipe));
        var ibug = new Vector2[PointCount];
        for (int i = 0; i < PointCount; i++) ibug[i] = mediaPipe[_mediaPipeIndex[i]];
        return ibug;
    }

    /// <summary>Reads a correspondence in the layout of the shipped file.</summary>
    /// <exception cref="FormatException">The JSON lacks the mapping, a region or the trust tiers, or an index is out of range.</exception>
    public static Ibug68Correspondence Parse(Stream json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        var map = new int[PointCount];
        Array.Fill(map, -1);
        foreach (JsonProperty entry in Required(root, "mapping").EnumerateObject())
        {
            int ibug = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
            int mp = entry.Value.GetInt32();
            if (ibug is < 0 or >= PointCount || mp is < 0 or >= 468)
                throw new FormatException($"Correspondence entry {ibug} -> {mp} is out of range.");
            map[ibug] = mp;
        }
        int missing = Array.IndexOf(map, -1);
        if (missing >= 0) throw new FormatException($"Correspondence has no MediaPipe vertex for iBUG point {missing}.");

        JsonElement trust = Required(root, "trust");
        var approximate = Required(trust, "approximate").EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal);
        JsonElement subsets = Required(root, "subsets");
        var regions = new List<EvaluationRegion>();
        foreach ((string key, string title) in RegionOrder)
        {
            int[] indices = Required(subsets, key).EnumerateArray().Select(e => e.GetInt32()).ToArray();
            if (indices.Length == 0 || indices.Any(i => i is < 0 or >= PointCount))
                throw new FormatException($"Region '{key}' is empty or has an index outside 0..67.");
            // "all 68" contains the approximate brows and jaw, so it inherits their label.
            bool isApproximate = approximate.Contains(key) || (key == "all68" && approximate.Count > 0);
            regions.Add(new EvaluationRegion(key, title, indices, isApproximate));
        }
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (trust.TryGetProperty("notes", out JsonElement noteElement))
            foreach (JsonProperty note in noteElement.EnumerateObject()) notes[note.Name] = note.Value.GetString() ?? "";
        return new Ibug68Correspondence(map, regions, notes);
    }

    private static JsonElement Required(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) ? value : throw new FormatException($"Correspondence JSON has no '{name}'.");

    private static Ibug68Correspondence LoadEmbedded()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        return Parse(stream);
    }
}
