using System.Runtime.InteropServices;

namespace FaceMesh.Imaging.Tests;

/// <summary>The ways pixels get into an <see cref="ImageView"/>, and the formats it reads.</summary>
public sealed class ImageViewTests
{
    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3))];

    [Fact]
    public void A_span_scope_sees_the_same_rows_as_memory()
    {
        byte[] pixels = Pattern(5 * 3 * 4);
        var fromMemory = new ImageView(pixels, 5, 4, PixelFormat.Rgb24);
        Span<byte> span = pixels;
        int matching = ImageView.Use(span, 5, 4, PixelFormat.Rgb24, 0, fromMemory, static (view, expected) =>
            Enumerable.Range(0, view.Height).Count(y => view.Row(y).SequenceEqual(expected.Row(y))));
        Assert.Equal(4, matching);
    }

    [Fact]
    public void A_view_kept_beyond_its_span_scope_throws_instead_of_reading_freed_memory()
    {
        Span<byte> stack = stackalloc byte[2 * 2 * 4];
        stack.Fill(9);
        ImageView escaped = ImageView.Use(stack, 2, 2, PixelFormat.Bgra32, 0, view => view);
        Assert.Equal(2, escaped.Width);
        Assert.Throws<ObjectDisposedException>(() => escaped.Row(0).Length);
    }

    [Fact]
    public void A_span_shorter_than_the_image_is_refused()
    {
        byte[] pixels = new byte[10];
        Assert.Throws<ArgumentException>(() => ImageView.Use(pixels, 2, 2, PixelFormat.Rgb24, 0, _ => 0));
    }

    [Fact]
    public unsafe void A_pointer_with_padded_stride_reads_each_row_from_its_start()
    {
        const int width = 3, height = 4, stride = 16; // 12 bytes of RGBA, 4 bytes of padding per row
        byte* native = (byte*)NativeMemory.Alloc(stride * height);
        try
        {
            var rows = new byte[height][];
            for (int y = 0; y < height; y++)
            {
                rows[y] = Pattern(stride).Select(b => (byte)(b + y)).ToArray();
                rows[y].CopyTo(new Span<byte>(native + y * stride, stride));
            }
            ImageView view = ImageView.FromPointer((nint)native, width, height, PixelFormat.Rgba32, stride);
            Assert.Equal(stride, view.Stride);
            for (int y = 0; y < height; y++) Assert.Equal(rows[y].AsSpan(0, width * 4).ToArray(), view.Row(y).ToArray());
        }
        finally
        {
            NativeMemory.Free(native);
        }
    }

    [Fact]
    public void A_null_pointer_or_a_stride_shorter_than_a_row_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ImageView.FromPointer(0, 2, 2, PixelFormat.Rgb24, 6));
        Assert.Throws<ArgumentException>(() => ImageView.FromPointer(64, 2, 2, PixelFormat.Rgb24, 5));
    }

    [Theory]
    [InlineData(PixelFormat.Gray8, 1)]
    [InlineData(PixelFormat.Rgb24, 3)]
    [InlineData(PixelFormat.Bgr24, 3)]
    [InlineData(PixelFormat.Rgba32, 4)]
    [InlineData(PixelFormat.Bgra32, 4)]
    public void Every_format_has_its_size(PixelFormat format, int bytes) => Assert.Equal(bytes, format.BytesPerPixel());

    [Fact]
    public void Colour_to_gray_weighs_the_channels_as_bt601()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255];
        using var gray = new ImageBuffer(4, 1, PixelFormat.Gray8);
        gray.CopyFrom(new ImageView(rgb, 4, 1, PixelFormat.Rgb24));
        Assert.Equal(new byte[] { 76, 150, 29, 255 }, gray.Span.ToArray());
    }

    [Fact]
    public void Gray_to_colour_repeats_the_value_in_every_channel()
    {
        byte[] gray = [0, 100, 255];
        using var bgra = new ImageBuffer(3, 1, PixelFormat.Bgra32);
        bgra.CopyFrom(new ImageView(gray, 3, 1, PixelFormat.Gray8));
        Assert.Equal(new byte[] { 0, 0, 0, 255, 100, 100, 100, 255, 255, 255, 255, 255 }, bgra.Span.ToArray());
    }
}
