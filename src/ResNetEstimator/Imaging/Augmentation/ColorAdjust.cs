using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging.Augmentation;

/// <summary>
/// torchvision's uint8 colour adjustments: each blends the image with a degenerate one (black, its grey version, its
/// mean grey, its blurred self) by <c>factor</c>, clamps to 0..255 and truncates, as <c>_blend</c> does. Factor 1 is the identity.
/// </summary>
internal static class ColorAdjust
{
    public static void Brightness(PixelGrid grid, double factor)
    {
        var pixels = grid.Pixels;
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = new Rgb24(Blend(pixels[i].R, 0, factor), Blend(pixels[i].G, 0, factor), Blend(pixels[i].B, 0, factor));
    }

    /// <summary>Saturation: blends with the grey version of each pixel.</summary>
    public static void Color(PixelGrid grid, double factor)
    {
        var pixels = grid.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            byte grey = Grey(p);
            pixels[i] = new Rgb24(Blend(p.R, grey, factor), Blend(p.G, grey, factor), Blend(p.B, grey, factor));
        }
    }

    /// <summary>Contrast: blends with the mean grey level of the whole image.</summary>
    public static void Contrast(PixelGrid grid, double factor)
    {
        var pixels = grid.Pixels;
        double sum = 0;
        foreach (var p in pixels) sum += Grey(p);
        double mean = sum / pixels.Length;
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = new Rgb24(Blend(pixels[i].R, mean, factor), Blend(pixels[i].G, mean, factor), Blend(pixels[i].B, mean, factor));
    }

    /// <summary>Sharpness: blends with the image smoothed by the 3×3 kernel [1 1 1; 1 5 1; 1 1 1] / 13 (borders unchanged).</summary>
    public static void Sharpness(PixelGrid grid, double factor)
    {
        int width = grid.Width, height = grid.Height;
        var pixels = grid.Pixels;
        var smooth = grid.Scratch;
        pixels.CopyTo(smooth, 0);
        for (int y = 1; y < height - 1; y++)
        {
            for (int x = 1; x < width - 1; x++)
            {
                int r = 0, g = 0, b = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int weight = dx == 0 && dy == 0 ? 5 : 1;
                        var p = pixels[(y + dy) * width + x + dx];
                        r += weight * p.R;
                        g += weight * p.G;
                        b += weight * p.B;
                    }
                }
                smooth[y * width + x] = new Rgb24(Round(r / 13.0), Round(g / 13.0), Round(b / 13.0));
            }
        }
        for (int i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            var s = smooth[i];
            pixels[i] = new Rgb24(Blend(p.R, s.R, factor), Blend(p.G, s.G, factor), Blend(p.B, s.B, factor));
        }
    }

    /// <summary>torchvision's <c>rgb_to_grayscale</c> for uint8 (ITU-R 601-2 luma, truncated).</summary>
    public static byte Grey(Rgb24 p) => (byte)(0.2989 * p.R + 0.587 * p.G + 0.114 * p.B);

    private static byte Blend(byte value, double degenerate, double factor) =>
        (byte)Math.Clamp(factor * value + (1 - factor) * degenerate, 0, 255);

    private static byte Round(double value) => (byte)Math.Round(value, MidpointRounding.ToEven);
}
