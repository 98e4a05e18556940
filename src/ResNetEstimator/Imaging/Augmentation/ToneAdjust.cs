using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging.Augmentation;

/// <summary>torchvision's uint8 tone operations: posterize, solarize, autocontrast and equalize, per channel.</summary>
internal static class ToneAdjust
{
    /// <summary>Keeps the top <paramref name="bits"/> bits of every value (8 is the identity).</summary>
    public static void Posterize(PixelGrid grid, int bits)
    {
        if (bits is < 0 or > 8) throw new ArgumentOutOfRangeException(nameof(bits), bits, "Posterize keeps 0 to 8 bits.");
        byte mask = (byte)(0xFF << (8 - bits));
        var pixels = grid.Pixels;
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = new Rgb24((byte)(pixels[i].R & mask), (byte)(pixels[i].G & mask), (byte)(pixels[i].B & mask));
    }

    /// <summary>Inverts every value at or above <paramref name="threshold"/> (256 and above leave the image as it is).</summary>
    public static void Solarize(PixelGrid grid, double threshold)
    {
        var pixels = grid.Pixels;
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = new Rgb24(Invert(pixels[i].R, threshold), Invert(pixels[i].G, threshold), Invert(pixels[i].B, threshold));
    }

    /// <summary>Stretches each channel from its own minimum..maximum to 0..255; a flat channel stays as it is.</summary>
    public static void AutoContrast(PixelGrid grid)
    {
        var lookup = new byte[3][];
        for (int channel = 0; channel < 3; channel++)
        {
            var histogram = Histogram(grid.Pixels, channel);
            int low = Array.FindIndex(histogram, n => n > 0), high = Array.FindLastIndex(histogram, n => n > 0);
            double scale = high > low ? 255.0 / (high - low) : 1;
            int offset = high > low ? low : 0;
            lookup[channel] = Enumerable.Range(0, 256).Select(v => (byte)Math.Clamp((v - offset) * scale, 0, 255)).ToArray();
        }
        Map(grid.Pixels, lookup);
    }

    /// <summary>Histogram equalisation of each channel, with torchvision's (and PIL's) step and rounding.</summary>
    public static void Equalize(PixelGrid grid)
    {
        var lookup = new byte[3][];
        for (int channel = 0; channel < 3; channel++)
        {
            var histogram = Histogram(grid.Pixels, channel);
            int last = Array.FindLastIndex(histogram, n => n > 0);
            long step = (histogram.Sum(n => (long)n) - histogram[last]) / 255;
            if (step == 0)
            {
                lookup[channel] = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
                continue;
            }
            var table = new byte[256];
            long cumulative = 0;
            for (int value = 0; value < 256; value++)
            {
                // torchvision's lut is shifted by one: value v maps to (cumsum up to v - 1 + step / 2) / step.
                table[value] = (byte)Math.Min(255, (cumulative + step / 2) / step);
                cumulative += histogram[value];
            }
            lookup[channel] = table;
        }
        Map(grid.Pixels, lookup);
    }

    private static byte Invert(byte value, double threshold) => value >= threshold ? (byte)(255 - value) : value;

    private static int[] Histogram(Rgb24[] pixels, int channel)
    {
        var histogram = new int[256];
        foreach (var p in pixels) histogram[channel == 0 ? p.R : channel == 1 ? p.G : p.B]++;
        return histogram;
    }

    private static void Map(Rgb24[] pixels, byte[][] lookup)
    {
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = new Rgb24(lookup[0][pixels[i].R], lookup[1][pixels[i].G], lookup[2][pixels[i].B]);
    }
}
