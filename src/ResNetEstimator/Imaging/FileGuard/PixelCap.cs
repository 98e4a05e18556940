namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// The pixel-count rule (<c>MaxImagePixels</c>): applied by every format check to a size read from a header, by the
/// decoder to the size ImageSharp identifies, and to the pixels of an image ML.NET already decoded.
/// </summary>
internal static class PixelCap
{
    public static void Check(long width, long height, long maxPixels, string what)
    {
        if (width <= 0 || height <= 0)
            throw new ImageRefusedException($"{what} has an empty or negative size {width}x{height}.");
        if (Problem(width, height, maxPixels, "claims") is { } problem)
            throw new ImageRefusedException($"{what} {problem}; not decoded.");
    }

    /// <summary>Null when <paramref name="width"/>×<paramref name="height"/> fits the cap; otherwise what is wrong, starting with <paramref name="verb"/>.</summary>
    public static string? Problem(long width, long height, long maxPixels, string verb = "is")
    {
        long pixels = width * height;
        return pixels > maxPixels
            ? $"{verb} {width}x{height} = {pixels:N0} pixels, above the limit of {maxPixels:N0} (MaxImagePixels)"
            : null;
    }
}
