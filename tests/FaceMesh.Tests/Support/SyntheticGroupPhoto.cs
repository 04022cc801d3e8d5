using FaceMesh.Imaging;

namespace FaceMesh.Tests.Support;

/// <summary>Where a face was pasted: centre and face size (long side of its landmark box) in canvas pixels, and its quarter turns clockwise.</summary>
internal readonly record struct PastedFace(float CenterX, float CenterY, float Size, int QuarterTurns);

/// <summary>
/// A group photo made from portraits: each face is cut out (a square twice the face), shrunk by
/// area averaging to the size asked for, turned by quarter turns and pasted onto a large canvas
/// with a smooth, face-free background. The faces' true places are known exactly.
/// </summary>
internal static class SyntheticGroupPhoto
{
    /// <summary>Side of the cut-out square relative to the face.</summary>
    public const float Context = 2f;

    /// <summary>A face cut out of a portrait, with the face's size in it.</summary>
    internal sealed record FaceCut(byte[] Rgb, int Side, float FaceSize);

    /// <summary>Cuts the square of <see cref="Context"/> times <paramref name="faceSize"/> centred on the face out of an Rgb24 image.</summary>
    public static FaceCut Cut(ImageView portrait, float centerX, float centerY, float faceSize)
    {
        int side = (int)MathF.Round(Context * faceSize);
        int left = (int)MathF.Round(centerX - side / 2f), top = (int)MathF.Round(centerY - side / 2f);
        var rgb = new byte[side * side * 3];
        for (int y = 0; y < side; y++)
        {
            ReadOnlySpan<byte> row = portrait.Row(Math.Clamp(top + y, 0, portrait.Height - 1));
            for (int x = 0; x < side; x++)
            {
                int sx = Math.Clamp(left + x, 0, portrait.Width - 1);
                for (int c = 0; c < 3; c++) rgb[(y * side + x) * 3 + c] = row[sx * 3 + c];
            }
        }
        return new FaceCut(rgb, side, faceSize);
    }

    public static ImageBuffer Compose(int width, int height, IReadOnlyList<(FaceCut Face, PastedFace Place)> faces)
    {
        var canvas = new ImageBuffer(width, height, PixelFormat.Rgb24);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = canvas.Row(y);
            for (int x = 0; x < width; x++)
            {
                // A slow diagonal gradient with a faint fixed weave: texture, but nothing face-like.
                int weave = ((x / 7) + (y / 5)) % 3 * 4;
                row[3 * x] = (byte)(90 + 60 * x / width + weave);
                row[3 * x + 1] = (byte)(110 + 40 * y / height + weave);
                row[3 * x + 2] = (byte)(120 - 30 * x / width + weave);
            }
        }
        foreach ((FaceCut face, PastedFace place) in faces) Paste(canvas, face, place);
        return canvas;
    }

    private static void Paste(ImageBuffer canvas, FaceCut face, PastedFace place)
    {
        int side = (int)MathF.Round(Context * place.Size);
        byte[] small = Shrink(face, side);
        int left = (int)MathF.Round(place.CenterX - side / 2f), top = (int)MathF.Round(place.CenterY - side / 2f);
        for (int y = 0; y < side; y++)
        {
            Span<byte> row = canvas.Row(top + y);
            for (int x = 0; x < side; x++)
            {
                // Destination (x, y) shows the source pixel that a clockwise quarter turn brings there.
                (int sx, int sy) = (place.QuarterTurns & 3) switch
                {
                    1 => (y, side - 1 - x),
                    2 => (side - 1 - x, side - 1 - y),
                    3 => (side - 1 - y, x),
                    _ => (x, y),
                };
                for (int c = 0; c < 3; c++) row[(left + x) * 3 + c] = small[(sy * side + sx) * 3 + c];
            }
        }
    }

    // Area averaging: every source pixel counts, so the small face is not aliased.
    private static byte[] Shrink(FaceCut face, int side)
    {
        var result = new byte[side * side * 3];
        double scale = (double)face.Side / side;
        for (int y = 0; y < side; y++)
        {
            int y0 = (int)(y * scale), y1 = Math.Max(y0 + 1, (int)((y + 1) * scale));
            for (int x = 0; x < side; x++)
            {
                int x0 = (int)(x * scale), x1 = Math.Max(x0 + 1, (int)((x + 1) * scale));
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int sy = y0; sy < y1; sy++)
                        for (int sx = x0; sx < x1; sx++) sum += face.Rgb[(sy * face.Side + sx) * 3 + c];
                    result[(y * side + x) * 3 + c] = (byte)((sum + (y1 - y0) * (x1 - x0) / 2) / ((y1 - y0) * (x1 - x0)));
                }
            }
        }
        return result;
    }
}
