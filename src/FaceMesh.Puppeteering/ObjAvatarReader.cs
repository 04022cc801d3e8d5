using System.Globalization;
using System.Numerics;

namespace FaceMesh.Puppeteering;

/// <summary>
/// Reads an avatar from Wavefront OBJ text: <c>v</c> lines in landmark order (468 of them),
/// <c>f</c> faces (polygons are split into fans; <c>v/vt/vn</c> and negative indices accepted) and
/// optional <c>vt</c> texture coordinates, taken per vertex from the first face corner that names
/// one (OBJ's v runs upwards; <see cref="AvatarMesh.TextureCoordinates"/> downwards). Other
/// statements (normals, groups, materials) are ignored. Reads a stream, never a path.
/// </summary>
public static class ObjAvatarReader
{
    /// <exception cref="InvalidDataException">Malformed OBJ, or a mesh that is not a valid avatar.</exception>
    public static AvatarMesh Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var positions = new List<Vector3>();
        var uvs = new List<Vector2>();
        var triangles = new List<int>();
        var cornerUv = new List<(int Vertex, int Uv)>();
        var corners = new List<(int Vertex, int Uv)>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            ReadOnlySpan<char> text = line.AsSpan().Trim();
            int hash = text.IndexOf('#');
            if (hash >= 0) text = text[..hash].TrimEnd();
            if (text.IsEmpty) continue;
            string[] parts = text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "v":
                    positions.Add(new Vector3(Number(parts, 1, lineNumber), Number(parts, 2, lineNumber), Number(parts, 3, lineNumber)));
                    break;
                case "vt":
                    uvs.Add(new Vector2(Number(parts, 1, lineNumber), 1f - Number(parts, 2, lineNumber)));
                    break;
                case "f":
                    corners.Clear();
                    for (int k = 1; k < parts.Length; k++) corners.Add(Corner(parts[k], positions.Count, uvs.Count, lineNumber));
                    if (corners.Count < 3) throw new InvalidDataException($"OBJ line {lineNumber}: a face needs at least 3 vertices.");
                    for (int k = 1; k + 1 < corners.Count; k++)
                        triangles.AddRange([corners[0].Vertex, corners[k].Vertex, corners[k + 1].Vertex]);
                    cornerUv.AddRange(corners);
                    break;
            }
        }
        Vector2[] perVertexUv = [];
        if (uvs.Count > 0)
        {
            perVertexUv = new Vector2[positions.Count];
            var seen = new bool[positions.Count];
            foreach ((int vertex, int uv) in cornerUv)
                if (uv >= 0 && !seen[vertex])
                {
                    perVertexUv[vertex] = uvs[uv];
                    seen[vertex] = true;
                }
            if (Array.IndexOf(seen, false) >= 0) perVertexUv = [];
        }
        try
        {
            return new AvatarMesh(positions.ToArray(), triangles.ToArray(), perVertexUv);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The OBJ is not a usable avatar: {e.Message}", e);
        }
    }

    /// <summary>Reads OBJ text from a stream (UTF-8).</summary>
    public static AvatarMesh Read(Stream stream)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        return Read(reader);
    }

    private static float Number(string[] parts, int index, int line)
    {
        if (index >= parts.Length || !float.TryParse(parts[index], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new InvalidDataException($"OBJ line {line}: expected a number in field {index}.");
        return value;
    }

    private static (int Vertex, int Uv) Corner(string token, int vertexCount, int uvCount, int line)
    {
        string[] fields = token.Split('/');
        int vertex = Index(fields[0], vertexCount, line);
        int uv = fields.Length > 1 && fields[1].Length > 0 ? Index(fields[1], uvCount, line) : -1;
        return (vertex, uv);
    }

    private static int Index(string field, int count, int line)
    {
        if (!int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index) || index == 0)
            throw new InvalidDataException($"OBJ line {line}: '{field}' is not a vertex index.");
        int resolved = index > 0 ? index - 1 : count + index;
        if ((uint)resolved >= (uint)count)
            throw new InvalidDataException($"OBJ line {line}: index {index} refers to an element not yet defined.");
        return resolved;
    }
}
