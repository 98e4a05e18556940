using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>
/// torchvision's <c>ToTensor()</c> + <c>Normalize(ImageNet mean, std)</c>: RGB bytes to planar (CHW) floats,
/// <c>(byte / 255 - mean) / std</c> per channel.
/// </summary>
public static class ImageNetNormalization
{
    /// <summary>ImageNet channel means (R, G, B) on the 0–1 scale.</summary>
    public static IReadOnlyList<float> Mean { get; } = new[] { 0.485f, 0.456f, 0.406f };

    /// <summary>ImageNet channel standard deviations (R, G, B) on the 0–1 scale.</summary>
    public static IReadOnlyList<float> StandardDeviation { get; } = new[] { 0.229f, 0.224f, 0.225f };

    // One 256-entry table per channel: a lookup beats three float ops per byte and gives bit-identical values.
    private static readonly float[] Table = BuildTable();

    /// <summary>The normalised value of one byte in one channel (0 = R, 1 = G, 2 = B).</summary>
    public static float Normalize(byte value, int channel) => Table[channel * 256 + value];

    /// <summary>
    /// Writes the image as [3, height, width] floats into <paramref name="destination"/>, which must hold
    /// exactly 3·width·height values.
    /// </summary>
    public static void WriteChw(Image<Rgb24> image, Span<float> destination)
    {
        int width = image.Width, height = image.Height, plane = width * height;
        if (destination.Length != 3 * plane)
            throw new ArgumentException($"Destination holds {destination.Length} floats; a {width}x{height} image needs {3 * plane}.");
        var table = Table;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<Rgb24> row = RowOf(image, y);
            var red = destination.Slice(y * width, width);
            var green = destination.Slice(plane + y * width, width);
            var blue = destination.Slice(2 * plane + y * width, width);
            for (int x = 0; x < row.Length; x++)
            {
                var pixel = row[x];
                red[x] = table[pixel.R];
                green[x] = table[256 + pixel.G];
                blue[x] = table[512 + pixel.B];
            }
        }
    }

    private static ReadOnlySpan<Rgb24> RowOf(Image<Rgb24> image, int y)
    {
        // Images here are small (<= a few hundred pixels a side) and allocated contiguously; fall back to the
        // frame accessor otherwise.
        if (image.DangerousTryGetSinglePixelMemory(out Memory<Rgb24> memory))
            return memory.Span.Slice(y * image.Width, image.Width);
        var copy = new Rgb24[image.Width];
        image.ProcessPixelRows(accessor => accessor.GetRowSpan(y).CopyTo(copy));
        return copy;
    }

    private static float[] BuildTable()
    {
        var table = new float[3 * 256];
        for (int channel = 0; channel < 3; channel++)
        {
            for (int value = 0; value < 256; value++)
                table[channel * 256 + value] = (value / 255f - Mean[channel]) / StandardDeviation[channel];
        }
        return table;
    }
}
