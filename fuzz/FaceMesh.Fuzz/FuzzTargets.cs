using FaceMesh.Imaging;
using FaceMesh.Media;
using FaceMesh.Media.Ffmpeg;
using FaceMesh.Media.Jpeg;
using FaceMesh.Media.Png;
using FaceMesh.Media.Sniffing;
using FaceMesh.Runtime.FlexBuffers;
using FaceMesh.Runtime.Model;

namespace FaceMesh.Fuzz;

/// <summary>
/// One entry per parser that reads bytes we did not write. Each may reject its input only with
/// the exception its contract names; any other exception, hang or crash is a finding.
/// </summary>
internal static class FuzzTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["tflite"] = TfLite,
        ["flexbuffers"] = FlexBuffers,
        ["image-header"] = ImageHeader,
        ["pnm"] = Pnm,
        ["png"] = Png,
    };

    private static void TfLite(byte[] bytes)
    {
        try
        {
            TfLiteModel model = TfLiteModelReader.Read(bytes);
            GC.KeepAlive(model);
        }
        catch (ModelFormatException) { }
        catch (UnsupportedModelException) { }
    }

    private static void FlexBuffers(byte[] bytes)
    {
        try
        {
            FlexMap map = FlexMap.Parse(bytes);
            foreach (string key in map.Keys)
            {
                // Values decode lazily: each accessor must either return or throw ModelFormatException.
                TryRead(() => map.GetInt32(key));
                TryRead(() => map.GetSingle(key));
                TryRead(() => map.GetString(key));
                TryRead(() => map.GetInt32Vector(key));
            }
        }
        catch (ModelFormatException) { }
    }

    private static void TryRead<T>(Func<T> read)
    {
        try { GC.KeepAlive(read()); }
        catch (ModelFormatException) { }
    }

    private static void ImageHeader(byte[] bytes)
    {
        HeaderParse parse = ImageHeaderParser.Parse(bytes);
        if (parse.Status == HeaderStatus.Recognised && parse.Header.Orientation is < 1 or > 8)
            throw new InvalidOperationException($"orientation {parse.Header.Orientation} out of range");
        if (parse.Status == HeaderStatus.Recognised && parse.Header.Width < 0)
            throw new InvalidOperationException("negative width");
        int orientation = ExifOrientation.Parse(bytes);
        if (orientation is < 1 or > 8) throw new InvalidOperationException($"orientation {orientation} out of range");
    }

    private static void Pnm(byte[] bytes)
    {
        PnmHeader? header = PnmHeader.TryParse(bytes, out _);
        if (header is { } h && (h.Width <= 0 || h.Height <= 0 || h.Length > bytes.Length))
            throw new InvalidOperationException($"accepted an impossible header {h}");
        using (ImageBuffer? image = PnmImage.TryDecode(bytes, PixelFormat.Rgba32)) GC.KeepAlive(image);
        try
        {
            GC.KeepAlive(PamHeader.Parse(bytes));
        }
        catch (MediaException) { }
    }

    /// <summary>
    /// The in-process PNG decoder either decodes or declines (null, leaving the file to ffmpeg);
    /// it never throws. Sizes above 4 MP are left out, as ImageFile's pixel limit leaves them out
    /// before decoding, so that a run is not spent allocating huge buffers.
    /// </summary>
    private static void Png(byte[] bytes)
    {
        HeaderParse parse = ImageHeaderParser.Parse(bytes);
        if (parse.Status != HeaderStatus.Recognised || parse.Header.Width * parse.Header.Height > 4_000_000) return;
        foreach (PixelFormat format in (PixelFormat[])[PixelFormat.Rgb24, PixelFormat.Rgba32])
        {
            using ImageBuffer? image = PngDecoder.TryDecode(bytes, format);
            if (image is not null && (image.Width != parse.Header.Width || image.Height != parse.Header.Height))
                throw new InvalidOperationException($"decoded {image.Width}x{image.Height}, declared {parse.Header.Width}x{parse.Header.Height}");
        }
    }
}
