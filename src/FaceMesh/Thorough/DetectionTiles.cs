using FaceMesh.Imaging;

namespace FaceMesh.Thorough;

/// <summary>
/// Square views of an image for the detector: the whole image letterboxed, then levels of
/// overlapping tiles whose side halves at each level, so that faces a few percent of the frame
/// fill enough of some view for BlazeFace's anchors.
/// </summary>
internal static class DetectionTiles
{
    /// <summary>The whole image padded to a centred square, as the default pipeline sees it.</summary>
    public static RotatedRect Whole(int width, int height)
    {
        float side = Math.Max(width, height);
        return new RotatedRect(0.5f * width, 0.5f * height, side, side, 0f);
    }

    /// <summary>Replaces <paramref name="tiles"/> with the tiles of every level, coarse to fine.</summary>
    public static void Fill(int width, int height, int levels, List<RotatedRect> tiles)
    {
        tiles.Clear();
        float side = Math.Max(width, height);
        for (int level = 1; level <= levels; level++)
        {
            side /= 2;
            if (side < ThoroughSettings.MinTileSide) break;
            int columns = Count(width, side), rows = Count(height, side);
            for (int row = 0; row < rows; row++)
                for (int column = 0; column < columns; column++)
                    tiles.Add(new RotatedRect(Center(width, side, column, columns), Center(height, side, row, rows), side, side, 0f));
        }
    }

    /// <summary>Replaces <paramref name="turns"/> with each view turned by 90, 180 and 270 degrees, view by view.</summary>
    public static void FillQuarterTurns(List<RotatedRect> views, List<RotatedRect> turns)
    {
        turns.Clear();
        foreach (RotatedRect view in views)
            for (int quarter = 1; quarter <= 3; quarter++)
                turns.Add(view with { Rotation = quarter * MathF.PI / 2 });
    }

    /// <summary>The tiles of <paramref name="levels"/> levels, then each of them turned (what the tile model sees on a photo with faces missing).</summary>
    public static List<RotatedRect> TilesThenTurns(int width, int height, int levels)
    {
        List<RotatedRect> views = [], turns = [];
        Fill(width, height, levels, views);
        FillQuarterTurns(views, turns);
        views.AddRange(turns);
        return views;
    }

    private static int Count(int extent, float side) =>
        extent <= side ? 1 : (int)MathF.Ceiling((extent - side) / (side * (1 - ThoroughSettings.TileOverlap))) + 1;

    // Evenly spread from flush with one edge to flush with the other.
    private static float Center(int extent, float side, int index, int count) =>
        count == 1 ? 0.5f * extent : 0.5f * side + index * (extent - side) / (count - 1);
}
