using FaceMesh.Imaging;

namespace FaceMesh.Media.Ffmpeg;

/// <summary>Writes a view's pixels as tightly packed raw video, honouring its stride.</summary>
internal static class RawFrameWriter
{
    public static async ValueTask WriteAsync(Stream stream, ImageView image, CancellationToken cancellationToken)
    {
        int rowBytes = image.Width * image.BytesPerPixel;
        if (image.Stride == rowBytes)
        {
            await stream.WriteAsync(image.Pixels[..(rowBytes * image.Height)], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            for (int y = 0; y < image.Height; y++)
                await stream.WriteAsync(image.Pixels.Slice(y * image.Stride, rowBytes), cancellationToken).ConfigureAwait(false);
        }
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void Write(Stream stream, ImageView image)
    {
        int rowBytes = image.Width * image.BytesPerPixel;
        if (image.Stride == rowBytes)
        {
            stream.Write(image.Pixels.Span[..(rowBytes * image.Height)]);
        }
        else
        {
            for (int y = 0; y < image.Height; y++) stream.Write(image.Row(y));
        }
        stream.Flush();
    }
}
