using System.Numerics;

namespace FaceMesh.Geometry;

/// <summary>
/// Decodes <c>mediapipe.face_geometry.GeometryPipelineMetadata</c> (canonical_mesh = 1,
/// procrustes_landmark_basis = 2, input_source = 3) and its <c>Mesh3d</c> (vertex_type = 1,
/// primitive_type = 2, vertex_buffer = 3, index_buffer = 4) and <c>WeightedLandmarkRef</c>
/// (landmark_id = 1, weight = 2), then checks what MediaPipe checks before building its pipeline.
/// </summary>
internal static class GeometryMetadataParser
{
    private const int FloatsPerVertex = 5; // VERTEX_PT: x, y, z, u, v
    private const int IndicesPerTriangle = 3;

    public static CanonicalFaceModel Parse(ReadOnlySpan<byte> bytes)
    {
        var vertexBuffer = new List<float>();
        var indexBuffer = new List<uint>();
        var basis = new List<ProcrustesLandmark>();
        bool sawMesh = false;
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            (int field, ProtoWireType type) = reader.ReadKey();
            switch (field, type)
            {
                case (1, ProtoWireType.LengthDelimited):
                    ReadMesh(reader.ReadLengthDelimited(), vertexBuffer, indexBuffer);
                    sawMesh = true;
                    break;
                case (2, ProtoWireType.LengthDelimited):
                    basis.Add(ReadWeightedLandmark(reader.ReadLengthDelimited()));
                    break;
                case (3, ProtoWireType.Varint):
                    ulong source = reader.ReadVarint();
                    // DEFAULT (0) means the landmark pipeline; the detection pipeline (2) needs a
                    // different conversion that no face-mesh metadata uses.
                    if (source is not (0 or 1))
                        throw new NotSupportedException($"Geometry metadata input_source {source} is not supported; only the face-landmark pipeline (0 or 1) is.");
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        if (!sawMesh) throw new InvalidDataException("Geometry metadata has no canonical_mesh.");
        return Build(vertexBuffer, indexBuffer, basis);
    }

    private static void ReadMesh(ReadOnlySpan<byte> bytes, List<float> vertexBuffer, List<uint> indexBuffer)
    {
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            (int field, ProtoWireType type) = reader.ReadKey();
            switch (field, type)
            {
                case (1, ProtoWireType.Varint):
                    ulong vertexType = reader.ReadVarint();
                    if (vertexType != 0) throw new InvalidDataException($"Canonical mesh vertex_type {vertexType}: only VERTEX_PT (0) is defined.");
                    break;
                case (2, ProtoWireType.Varint):
                    ulong primitiveType = reader.ReadVarint();
                    if (primitiveType != 0) throw new InvalidDataException($"Canonical mesh primitive_type {primitiveType}: only TRIANGLE (0) is defined.");
                    break;
                case (3, ProtoWireType.Fixed32):
                    vertexBuffer.Add(reader.ReadFixed32Single());
                    break;
                case (3, ProtoWireType.LengthDelimited):
                    var packedFloats = new ProtoWireReader(reader.ReadLengthDelimited());
                    while (!packedFloats.AtEnd) vertexBuffer.Add(packedFloats.ReadFixed32Single());
                    break;
                case (4, ProtoWireType.Varint):
                    indexBuffer.Add(reader.ReadUInt32());
                    break;
                case (4, ProtoWireType.LengthDelimited):
                    var packedIndices = new ProtoWireReader(reader.ReadLengthDelimited());
                    while (!packedIndices.AtEnd) indexBuffer.Add(packedIndices.ReadUInt32());
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
    }

    private static ProcrustesLandmark ReadWeightedLandmark(ReadOnlySpan<byte> bytes)
    {
        uint id = 0;
        float weight = 0;
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            (int field, ProtoWireType type) = reader.ReadKey();
            switch (field, type)
            {
                case (1, ProtoWireType.Varint): id = reader.ReadUInt32(); break;
                case (2, ProtoWireType.Fixed32): weight = reader.ReadFixed32Single(); break;
                default: reader.Skip(type); break;
            }
        }
        if (id > int.MaxValue) throw new InvalidDataException($"Procrustes landmark id {id} is out of range.");
        return new ProcrustesLandmark((int)id, weight);
    }

    private static CanonicalFaceModel Build(List<float> vertexBuffer, List<uint> indexBuffer, List<ProcrustesLandmark> basis)
    {
        if (vertexBuffer.Count == 0 || vertexBuffer.Count % FloatsPerVertex != 0)
            throw new InvalidDataException($"Canonical mesh vertex buffer holds {vertexBuffer.Count} floats, not a positive multiple of {FloatsPerVertex}.");
        if (indexBuffer.Count % IndicesPerTriangle != 0)
            throw new InvalidDataException($"Canonical mesh index buffer holds {indexBuffer.Count} indices, not a multiple of {IndicesPerTriangle}.");
        int vertexCount = vertexBuffer.Count / FloatsPerVertex;

        var positions = new Vector3[vertexCount];
        var uv = new Vector2[vertexCount];
        for (int i = 0; i < vertexCount; i++)
        {
            int o = i * FloatsPerVertex;
            positions[i] = new Vector3(vertexBuffer[o], vertexBuffer[o + 1], vertexBuffer[o + 2]);
            uv[i] = new Vector2(vertexBuffer[o + 3], vertexBuffer[o + 4]);
            if (!float.IsFinite(positions[i].X) || !float.IsFinite(positions[i].Y) || !float.IsFinite(positions[i].Z))
                throw new InvalidDataException($"Canonical mesh vertex {i} is not finite.");
        }

        var indices = new int[indexBuffer.Count];
        for (int k = 0; k < indices.Length; k++)
        {
            if (indexBuffer[k] >= vertexCount)
                throw new InvalidDataException($"Canonical mesh index {indexBuffer[k]} (position {k}) refers to no vertex (there are {vertexCount}).");
            indices[k] = (int)indexBuffer[k];
        }

        if (basis.Count == 0) throw new InvalidDataException("The Procrustes landmark basis is empty.");
        float total = 0;
        foreach (ProcrustesLandmark landmark in basis)
        {
            if (landmark.LandmarkId >= vertexCount)
                throw new InvalidDataException($"Procrustes landmark {landmark.LandmarkId} refers to no vertex (there are {vertexCount}).");
            if (!(landmark.Weight >= 0) || float.IsInfinity(landmark.Weight))
                throw new InvalidDataException($"Procrustes landmark {landmark.LandmarkId} has weight {landmark.Weight}; weights must be finite and non-negative.");
            total += landmark.Weight;
        }
        if (!(total > ProcrustesSolver.Epsilon)) throw new InvalidDataException("The Procrustes weights sum to zero.");

        return new CanonicalFaceModel(positions, uv, indices, [.. basis]);
    }
}
