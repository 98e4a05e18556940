namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>The bounding box of one painted flower head, in pixels of the generated image (right and bottom exclusive).</summary>
public sealed record FlowerBounds(float Left, float Top, float Right, float Bottom)
{
    /// <summary>The square of half-side <paramref name="radius"/> around (x, y), clipped to a <paramref name="size"/>² image.</summary>
    public static FlowerBounds Around(float x, float y, float radius, float size) =>
        new(Math.Max(0, x - radius), Math.Max(0, y - radius), Math.Min(size, x + radius), Math.Min(size, y + radius));

    /// <summary>Whether the point lies inside.</summary>
    public bool Contains(float x, float y) => x >= Left && x < Right && y >= Top && y < Bottom;

    /// <summary>The same box in an image scaled by <paramref name="factor"/>.</summary>
    public FlowerBounds Scaled(float factor) => new(Left * factor, Top * factor, Right * factor, Bottom * factor);
}
