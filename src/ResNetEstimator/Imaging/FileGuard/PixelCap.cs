namespace MlNetResNet.Imaging.FileGuard;

/// <summary>The pixel-count rule every format check applies to a size read from a header.</summary>
internal static class PixelCap
{
    public static void Check(long width, long height, long maxPixels, string what)
    {
        if (width <= 0 || height <= 0)
            throw new ImageRefusedException($"{what} has an empty or negative size {width}x{height}.");
        long pixels = width * height;
        if (pixels > maxPixels)
            throw new ImageRefusedException(
                $"{what} claims {width}x{height} = {pixels:N0} pixels, above the limit of {maxPixels:N0} (MaxImagePixels); not decoded.");
    }
}
