using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Writes a labelled ImageFolder (train/ and val/, one subfolder per class) of JPEG pictures: one filled shape
/// of random colour, size and place on a noisy two-colour gradient. Learnable within a few epochs from scratch,
/// and decoded from JPEG like real photos, so the data pipeline costs what it costs on real data.
/// </summary>
internal static class ShapeFolderMaker
{
    private static readonly string[] Classes = { "circle", "cross", "square", "triangle" };

    /// <summary>Creates the folder unless it already holds the same set (a marker file records the parameters).</summary>
    public static void Ensure(string root, int trainImages, int valImages, int imageSide, int seed)
    {
        string marker = Path.Combine(root, "shapes.txt");
        string signature = $"train={trainImages} val={valImages} side={imageSide} seed={seed} classes={string.Join(',', Classes)}";
        if (File.Exists(marker) && File.ReadAllText(marker) == signature) return;
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Write(Path.Combine(root, "train"), trainImages, imageSide, seed);
        Write(Path.Combine(root, "val"), valImages, imageSide, seed + 7919);
        File.WriteAllText(marker, signature);
    }

    private static void Write(string folder, int count, int side, int seed)
    {
        foreach (var name in Classes) Directory.CreateDirectory(Path.Combine(folder, name));
        var encoder = new JpegEncoder { Quality = 90 };
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            var random = new Random(HashCode.Combine(seed, index));
            int label = index % Classes.Length;
            using var image = Draw(label, side, random);
            image.SaveAsJpeg(Path.Combine(folder, Classes[label], $"{index:D6}.jpg"), encoder);
        });
    }

    private static Image<Rgb24> Draw(int label, int side, Random random)
    {
        var top = RandomColor(random);
        var bottom = RandomColor(random);
        var fill = RandomColor(random);
        double radius = side * (0.18 + 0.17 * random.NextDouble());
        double cx = radius + (side - 2 * radius) * random.NextDouble();
        double cy = radius + (side - 2 * radius) * random.NextDouble();
        var image = new Image<Rgb24>(side, side);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < side; y++)
            {
                var row = rows.GetRowSpan(y);
                double t = (double)y / side;
                for (int x = 0; x < side; x++)
                {
                    bool inside = Inside(label, (x - cx) / radius, (y - cy) / radius);
                    double noise = (random.NextDouble() - 0.5) * 40;
                    row[x] = inside
                        ? Shade(fill.R + noise, fill.G + noise, fill.B + noise)
                        : Shade(top.R + (bottom.R - top.R) * t + noise, top.G + (bottom.G - top.G) * t + noise, top.B + (bottom.B - top.B) * t + noise);
                }
            }
        });
        return image;
    }

    // Shape membership in coordinates scaled so the shape spans [-1, 1].
    private static bool Inside(int label, double u, double v) => label switch
    {
        0 => u * u + v * v <= 1,
        1 => (Math.Abs(u) <= 0.3 && Math.Abs(v) <= 1) || (Math.Abs(v) <= 0.3 && Math.Abs(u) <= 1),
        2 => Math.Abs(u) <= 0.85 && Math.Abs(v) <= 0.85,
        _ => v <= 0.8 && v >= -1 + 2 * Math.Abs(u) * 0.9 - 0.2,
    };

    private static Rgb24 RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static Rgb24 Shade(double r, double g, double b) => new(Clamp(r), Clamp(g), Clamp(b));

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
