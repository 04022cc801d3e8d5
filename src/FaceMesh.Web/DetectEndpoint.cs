using System.Text.Json;
using FaceMesh.Imaging;
using FaceMesh.Json;
using FaceMesh.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FaceMesh.Web;

/// <summary>
/// <c>POST /api/detect</c>: a multipart upload with the image in the field <c>image</c>, answered
/// with the same JSON object <c>facemesh detect</c> writes for that file (the <c>image</c> key is
/// the uploaded file name). Query: <c>geometry</c>, <c>refine</c>, <c>maxFaces</c>, <c>thorough</c>,
/// <c>strict</c>, as the CLI's flags. The upload is held in memory only (bounded by the upload limit) and decoded
/// through a pipe, with the checks and pixels of file reading. A damaged image (truncated, corrupt)
/// is answered as the CLI treats it: its result with a <c>warnings</c> array (the CLI's stderr
/// warnings; a sound image has no such key, so its JSON is the CLI's), or 422 with <c>strict=true</c>.
/// </summary>
internal sealed class DetectEndpoint(PipelinePool pool, FaceMeshServerOptions options)
{
    public const string FieldName = "image";

    /// <summary>Reads a request body to its end; false when the client went away meanwhile.</summary>
    private static async Task<bool> TryDiscardAsync(Stream body, CancellationToken aborted)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, aborted).ConfigureAwait(false) > 0) { }
            return true;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        IHttpMaxRequestBodySizeFeature? bodyLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodyLimit is { IsReadOnly: false })
            bodyLimit.MaxRequestBodySize = options.MaxUploadBytes;
        if (context.Request.ContentLength is long declared && declared > options.MaxUploadBytes)
        {
            // A client that sends the whole body before it reads the answer (.NET's HttpClient does)
            // finds the connection closed under it and never sees the 413. So a body of up to twice the
            // limit is read and dropped first; a larger one is refused at once, as before.
            if (declared <= 2 * options.MaxUploadBytes && bodyLimit is { IsReadOnly: false })
            {
                bodyLimit.MaxRequestBodySize = declared;
                if (!await TryDiscardAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false)) return;
            }
            await Problem(context, StatusCodes.Status413PayloadTooLarge, $"the upload exceeds the limit of {options.MaxUploadBytes} bytes").ConfigureAwait(false);
            return;
        }
        FaceLandmarkerOptions landmarkerOptions;
        ImageReadOptions readOptions;
        Upload? upload;
        try
        {
            landmarkerOptions = ParseQuery(context.Request.Query);
            readOptions = new ImageReadOptions { Strict = Flag(context.Request.Query, "strict", false) };
            upload = await ReadUploadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await Problem(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the upload exceeds the limit of {options.MaxUploadBytes} bytes" : e.Message).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidDataException or IOException)
        {
            await Problem(context, StatusCodes.Status400BadRequest, e.Message).ConfigureAwait(false);
            return;
        }
        if (upload is null)
        {
            await Problem(context, StatusCodes.Status400BadRequest, $"expected a multipart/form-data upload with the image in the field '{FieldName}'").ConfigureAwait(false);
            return;
        }
        using PipelinePool.Lease? lease = pool.TryAcquire();
        if (lease is null)
        {
            context.Response.Headers.RetryAfter = "1";
            await Problem(context, StatusCodes.Status503ServiceUnavailable, pool.BusyMessage).ConfigureAwait(false);
            return;
        }
        ImageReadResult read;
        try
        {
            read = await ImageFile.DecodeAsync(upload.Content, upload.FileName, readOptions, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ImageDamagedException e)
        {
            // Understood but unusable as asked: the same bytes without strict=true would be answered.
            await Problem(context, StatusCodes.Status422UnprocessableEntity, e.Message).ConfigureAwait(false);
            return;
        }
        catch (MediaException e)
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, e.Message).ConfigureAwait(false);
            return;
        }
        using (read)
        using (FaceLandmarker landmarker = FaceLandmarker.Create(landmarkerOptions))
        {
            ImageBuffer image = read.Image;
            FaceLandmarkerResult result = landmarker.Detect(image.View);
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            json.WriteStartObject();
            FaceJsonWriter.WriteImageResult(json, upload.FileName, image.Width, image.Height, result.Faces, landmarkerOptions.OutputFacialTransformationMatrixes);
            if (read.IsDamaged)
            {
                json.WriteStartArray("warnings");
                foreach (string warning in read.Warnings) json.WriteStringValue(warning);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static FaceLandmarkerOptions ParseQuery(IQueryCollection query)
    {
        var parsed = new FaceLandmarkerOptions
        {
            RunningMode = RunningMode.Image,
            RefineLandmarks = Flag(query, "refine", true),
            NumFaces = query.TryGetValue("maxFaces", out var faces) ? int.Parse(faces.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 1,
            OutputFacialTransformationMatrixes = Flag(query, "geometry", false),
            Thorough = Flag(query, "thorough", false),
        };
        parsed.Validate();
        return parsed;
    }

    private static bool Flag(IQueryCollection query, string name, bool fallback) =>
        query.TryGetValue(name, out var value) ? bool.Parse(value.ToString()) : fallback;

    /// <returns>The image field, or null when the request is not multipart or has no such field.</returns>
    private async Task<Upload?> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return null;
        // Kestrel enforces the body limit (a 413 on the read that crosses it).
        var reader = new MultipartReader(boundary, request.Body);
        Upload? found = null;
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition)
                || !disposition.Name.Equals(FieldName, StringComparison.Ordinal) || found is not null)
            {
                await section.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                continue;
            }
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            if (content.Length > options.MaxUploadBytes)
                throw new BadHttpRequestException("upload too large", StatusCodes.Status413PayloadTooLarge);
            string fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
            found = new Upload(fileName.Length > 0 ? fileName : FieldName, content.ToArray());
        }
        return found;
    }

    internal static async Task Problem(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("error", message);
        json.WriteEndObject();
    }

    private sealed record Upload(string FileName, byte[] Content);
}
