using System.Numerics;

namespace FaceMesh.Evaluation;

/// <summary>
/// A 2D similarity in pixel coordinates: rotate by <see cref="AngleRadians"/> and scale by
/// <see cref="Scale"/> about <see cref="Center"/>, then shift by <see cref="Translation"/>.
/// Coordinates follow the landmarks' convention: pixel (i, j) covers [i, i+1) x [j, j+1).
/// </summary>
internal readonly record struct SimilarityTransform(float AngleRadians, Vector2 Translation, Vector2 Center, float Scale = 1f)
{
    public static SimilarityTransform Identity => new(0f, Vector2.Zero, Vector2.Zero);

    public Vector2 Apply(Vector2 point)
    {
        (float sin, float cos) = MathF.SinCos(AngleRadians);
        Vector2 d = point - Center;
        return Center + Translation + Scale * new Vector2(cos * d.X - sin * d.Y, sin * d.X + cos * d.Y);
    }

    public Vector2 ApplyInverse(Vector2 point)
    {
        (float sin, float cos) = MathF.SinCos(AngleRadians);
        Vector2 d = (point - Center - Translation) / Scale;
        return Center + new Vector2(cos * d.X + sin * d.Y, -sin * d.X + cos * d.Y);
    }
}
