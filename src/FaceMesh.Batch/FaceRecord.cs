using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace FaceMesh.Batch;

/// <summary>
/// One face in one image or video frame: a row of the batch results, the same in JSON Lines and
/// Parquet (column names are the JSON names). Pixel coordinates of the decoded (upright) image.
/// </summary>
public sealed class FaceRecord
{
    /// <summary>Full path of the input file.</summary>
    [JsonPropertyName("file"), ParquetRequired]
    public string File { get; set; } = "";

    /// <summary>0-based frame index in decoding order; 0 for an image.</summary>
    [JsonPropertyName("frame")]
    public long Frame { get; set; }

    /// <summary>Presentation time of the frame in milliseconds from the stream start; null for an image.</summary>
    [JsonPropertyName("timestampMs")]
    public double? TimestampMs { get; set; }

    /// <summary>0-based position of the face in the frame's result (new detections first, then tracked faces).</summary>
    [JsonPropertyName("face")]
    public int Face { get; set; }

    [JsonPropertyName("width")]
    public int Width { get; set; }

    [JsonPropertyName("height")]
    public int Height { get; set; }

    /// <summary>Detector score; null for a face followed from the previous video frame without a detection.</summary>
    [JsonPropertyName("score")]
    public float? Score { get; set; }

    /// <summary>The landmark model's face presence score.</summary>
    [JsonPropertyName("faceFlag")]
    public float FaceFlag { get; set; }

    /// <summary>The landmarks flattened as x0, y0, z0, x1, ...: 468 or 478 points, x/y in pixels, z = MediaPipe's normalised z times the image width.</summary>
    [JsonPropertyName("landmarks"), ParquetListElementRequired]
    public float[] Landmarks { get; set; } = [];

    /// <summary>The options the row was computed with (<see cref="BatchOptions.Describe"/>), so rows from different runs stay comparable.</summary>
    [JsonPropertyName("options"), ParquetRequired]
    public string Options { get; set; } = "";
}
