using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.MlNet;

/// <summary>One image file of the drawn-shapes set and its class name.</summary>
public sealed class ShapeRow
{
    public string ImagePath { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>
/// A small labelled image set drawn by the tests: filled circles, square frames and filled triangles of random
/// size, position and colours on a noisy background, saved as PNG files.
/// </summary>
public static class ShapeImages
{
    public static readonly string[] Classes = ["circle", "square", "triangle"];

    /// <summary>Draws <paramref name="perClass"/> images of each class into <paramref name="folder"/>; paths are relative to it.</summary>
    public static List<ShapeRow> Write(string folder, int perClass, int seed, int size = 32)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var rows = new List<ShapeRow>();
        for (int i = 0; i < perClass; i++)
        {
            foreach (var shape in Classes)
            {
                string name = $"{shape}-{seed}-{i:D3}.png";
                using var image = Draw(shape, size, random);
                image.SaveAsPng(Path.Combine(folder, name));
                rows.Add(new ShapeRow { ImagePath = name, Label = shape });
            }
        }
        return rows;
    }

    private static Image<Rgb24> Draw(string shape, int size, Random random)
    {
        var background = RandomColor(random, 0, 110);
        var ink = RandomColor(random, 140, 256);
        double radius = size * (0.22 + 0.16 * random.NextDouble());
        double cx = size / 2.0 + (random.NextDouble() - 0.5) * (size - 2 * radius) * 0.8;
        double cy = size / 2.0 + (random.NextDouble() - 0.5) * (size - 2 * radius) * 0.8;
        var image = new Image<Rgb24>(size, size);
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                bool inside = shape switch
                {
                    "circle" => dx * dx + dy * dy <= radius * radius,
                    // A hollow frame: corners and a hole tell it from a disc even after ResNet's early downsampling.
                    "square" => Math.Max(Math.Abs(dx), Math.Abs(dy)) is var d && d <= radius && d >= radius * 0.55,
                    _ => dy <= radius * 0.8 && dy >= -radius + 2 * Math.Abs(dx),
                };
                var colour = inside ? ink : background;
                int noise = random.Next(-12, 13);
                image[x, y] = new Rgb24(Clamp(colour.R + noise), Clamp(colour.G + noise), Clamp(colour.B + noise));
            }
        }
        return image;
    }

    private static Rgb24 RandomColor(Random random, int low, int high) =>
        new((byte)random.Next(low, high), (byte)random.Next(low, high), (byte)random.Next(low, high));

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
