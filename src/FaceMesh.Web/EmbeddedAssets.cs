using System.Collections.Frozen;
using System.Reflection;

namespace FaceMesh.Web;

/// <summary>
/// The page's files, read once from the assembly's embedded resources. A request is answered only
/// when its path is one of these names exactly, so no path (with "..", encoded slashes or
/// anything else) can reach the file system.
/// </summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<string, Asset> _byPath;

    private EmbeddedAssets(FrozenDictionary<string, Asset> byPath) => _byPath = byPath;

    public IEnumerable<string> Paths => _byPath.Keys;

    public static EmbeddedAssets Load()
    {
        Assembly assembly = typeof(EmbeddedAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            string path = "/" + name[Prefix.Length..];
            string type = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            assets[path] = new Asset(bytes.ToArray(), type);
        }
        if (assets.TryGetValue("/index.html", out Asset? index)) assets["/"] = index;
        return new EmbeddedAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGet(string path, out Asset asset) => _byPath.TryGetValue(path, out asset!);

    internal sealed record Asset(byte[] Content, string ContentType);
}
