using MlNetResNet.Imaging;
using MlNetResNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Training;

/// <summary>
/// A small generated data set: class 0 = disc, 1 = vertical bar, 2 = horizontal bar, at random positions, sizes and
/// colours on a noisy background, drawn pixel by pixel (no drawing library).
/// </summary>
internal static class ShapeImages
{
    public const int Classes = 3;

    public static Image<Rgb24> Draw(int shape, int size, Random random)
    {
        var image = new Image<Rgb24>(size, size);
        var background = RandomColor(random, 0, 110);
        var foreground = RandomColor(random, 150, 256);
        double radius = size * (0.22 + 0.12 * random.NextDouble());
        double centerX = size / 2.0 + (random.NextDouble() - 0.5) * size * 0.25;
        double centerY = size / 2.0 + (random.NextDouble() - 0.5) * size * 0.25;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double dx = x + 0.5 - centerX, dy = y + 0.5 - centerY;
                bool inside = shape switch
                {
                    0 => dx * dx + dy * dy <= radius * radius,
                    1 => Math.Abs(dx) <= radius * 0.3 && Math.Abs(dy) <= radius * 1.3,
                    _ => Math.Abs(dx) <= radius * 1.3 && Math.Abs(dy) <= radius * 0.3,
                };
                var color = inside ? foreground : background;
                int noise = random.Next(-12, 13);
                image[x, y] = new Rgb24(Clamp(color.R + noise), Clamp(color.G + noise), Clamp(color.B + noise));
            }
        }
        return image;
    }

    /// <summary>An in-memory set with the classes interleaved (label = index mod 3).</summary>
    public static InMemoryImageSource Source(int count, int size, int seed, out List<Image<Rgb24>> images)
    {
        var random = new Random(seed);
        images = new List<Image<Rgb24>>(count);
        var labels = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            images.Add(Draw(i % Classes, size, random));
            labels.Add(i % Classes);
        }
        return new InMemoryImageSource(images, labels);
    }

    /// <summary>The same kind of set as PNG bytes, for sources that decode.</summary>
    public static (List<ReadOnlyMemory<byte>> Encoded, List<int> Labels) Encoded(int count, int size, int seed)
    {
        var random = new Random(seed);
        var encoded = new List<ReadOnlyMemory<byte>>(count);
        var labels = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            using var image = Draw(i % Classes, size, random);
            using var stream = new MemoryStream();
            image.SaveAsPng(stream);
            encoded.Add(stream.ToArray());
            labels.Add(i % Classes);
        }
        return (encoded, labels);
    }

    private static Rgb24 RandomColor(Random random, int min, int max) =>
        new((byte)random.Next(min, max), (byte)random.Next(min, max), (byte)random.Next(min, max));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
