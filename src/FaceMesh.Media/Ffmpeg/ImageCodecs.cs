namespace FaceMesh.Media.Ffmpeg;

/// <summary>Encoder arguments per image file extension.</summary>
internal static class ImageCodecs
{
    public static IReadOnlyList<string> ForPath(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".png" => ["-c:v", "png"],
            // Full-resolution chroma and near-best quantiser: these files are results people look at.
            ".jpg" or ".jpeg" => ["-c:v", "mjpeg", "-q:v", "2", "-pix_fmt", "yuvj444p"],
            ".bmp" => ["-c:v", "bmp"],
            ".tif" or ".tiff" => ["-c:v", "tiff"],
            ".webp" => ["-c:v", "libwebp", "-quality", "90"],
            ".ppm" => ["-c:v", "ppm"],
            ".pam" => ["-c:v", "pam"],
            ".tga" => ["-c:v", "targa"],
            ".gif" => ["-c:v", "gif"],
            _ => throw new MediaException(
                $"Unsupported image extension '{extension}' in '{path}'; use .png, .jpg, .bmp, .tiff, .webp, .ppm, .pam, .tga or .gif"),
        };
    }
}
