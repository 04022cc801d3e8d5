using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceMesh.Queue;

/// <summary>
/// One job on the queue, as JSON: which file, what its bytes were when submitted, and how to
/// process it. Results are keyed by (<see cref="ContentHash"/>, <see cref="OptionsHash"/>), so the
/// same bytes with the same options are computed once however often they are delivered.
/// </summary>
public sealed record JobMessage
{
    /// <summary>Path (or URL) every worker can read.</summary>
    [JsonPropertyName("input")] public required string Input { get; init; }
    /// <summary>SHA-256 of the file's bytes, lowercase hex.</summary>
    [JsonPropertyName("contentHash")] public required string ContentHash { get; init; }
    [JsonPropertyName("options")] public required JobSettings Options { get; init; }
    /// <summary>SHA-256 of the options' description (<see cref="FaceMesh.Batch.BatchOptions.Describe"/>), lowercase hex.</summary>
    [JsonPropertyName("optionsHash")] public required string OptionsHash { get; init; }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A job for a local file: reads it once to hash its content.</summary>
    public static async Task<JobMessage> ForFileAsync(string path, JobSettings options, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"File not found: {full}", full);
        return new JobMessage
        {
            Input = full,
            ContentHash = await HashFileAsync(full, cancellationToken).ConfigureAwait(false),
            Options = options,
            OptionsHash = HashOptions(options),
        };
    }

    public static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    public static string HashOptions(JobSettings options) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.ToBatchOptions().Describe())));

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a message; a malformed one throws <see cref="FormatException"/> (it can never succeed).</summary>
    public static JobMessage Parse(ReadOnlySpan<byte> body)
    {
        JobMessage? job;
        try { job = JsonSerializer.Deserialize<JobMessage>(body, Json); }
        catch (JsonException e) { throw new FormatException($"Malformed job message: {e.Message}", e); }
        if (job is null || job.Options is null || string.IsNullOrEmpty(job.Input) || job.ContentHash?.Length != 64 || job.OptionsHash?.Length != 64)
            throw new FormatException("Malformed job message: input, contentHash, options and optionsHash are required.");
        return job;
    }
}
