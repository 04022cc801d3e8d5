using System.Runtime.Intrinsics;

namespace FaceMesh.Runtime.Kernels;

/// <summary>
/// How a tensor that only kernels with pixels in lanes touch is stored between them, instead
/// of NHWC: per image row, one plane row per channel, each after a margin of zeros (the left
/// neighbour of column 0; the right neighbour of the last column is the next plane row's
/// margin), with a zero row above and below the image and a zero vector after the last row. A
/// 3x3 'same' filter then reads every tap as a plain vector load, and neither the writer nor
/// the reader transposes. The writer of a row also writes its margins; the writers of the first
/// and last rows write the zero rows, since the arena hands the memory over with old contents.
/// </summary>
internal static unsafe class ChannelPlaneLayout
{
    public const int Lanes = 16;
    public const int Margin = Lanes;

    /// <summary>Two-table permute indices that take the even columns of 32 neighbouring ones (two vectors): stride-2 readers split rows with them.</summary>
    public static Vector512<int> EvenColumns => Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);

    /// <summary>The odd columns of 32 neighbouring ones.</summary>
    public static Vector512<int> OddColumns => Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

    /// <summary>Floats from one channel's plane row to the next channel's.</summary>
    public static int PlaneStride(int width) => width + Margin;

    /// <summary>Floats of one image row: all its channels' plane rows.</summary>
    public static int RowFloats(int width, int channels) => channels * PlaneStride(width);

    /// <summary>Floats of a whole tensor, with its zero rows and the trailing zero vector.</summary>
    public static long TensorFloats(int height, int width, int channels) => (long)(height + 2) * RowFloats(width, channels) + Lanes;

    /// <summary>Channel 0 of image row <paramref name="y"/> (-1 and the image height are the zero rows), at column 0.</summary>
    public static float* Row(float* tensor, int y, int width, int channels) =>
        tensor + (long)(y + 1) * RowFloats(width, channels) + Margin;

    /// <summary>Writes the margins of rows [<paramref name="begin"/>, <paramref name="end"/>) and, when those include the first or last row, the zero rows beside them.</summary>
    public static void ClearFrame(float* tensor, int height, int width, int channels, int begin, int end)
    {
        int stride = PlaneStride(width), rowFloats = RowFloats(width, channels);
        if (begin == 0) new Span<float>(tensor, rowFloats).Clear();
        if (end == height) new Span<float>(tensor + (long)(height + 1) * rowFloats, rowFloats + Lanes).Clear();
        for (int y = begin; y < end; y++)
        {
            float* row = Row(tensor, y, width, channels) - Margin;
            for (int c = 0; c < channels; c++) new Span<float>(row + (long)c * stride, Margin).Clear();
        }
    }
}
