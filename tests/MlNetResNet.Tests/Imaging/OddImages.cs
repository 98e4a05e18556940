using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Imaging;

/// <summary>
/// Valid images in the encodings where decoders disagree: transparency (RGBA, palette + tRNS), 16 bits per channel,
/// gray, CMYK JPEG, progressive JPEG, a JPEG with an EXIF rotation, and a 3:1 wide image. Two classes told apart by
/// colour: a warm disc or a cool disc on a noisy dark background.
/// </summary>
public static class OddImages
{
    public static readonly string[] Classes = ["cool", "warm"];

    public static readonly string[] Kinds =
        ["rgba-transparent.png", "palette-trns.png", "rgb16.png", "gray.png", "cmyk.jpg", "progressive.jpg", "exif-rotated.jpg", "wide.png"];

    /// <summary>Writes every kind <paramref name="perKind"/> times for <paramref name="className"/> into <paramref name="folder"/>.</summary>
    public static void Write(string folder, string className, int perKind, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (int i = 0; i < perKind; i++)
        foreach (string kind in Kinds)
            Write(Path.Combine(folder, $"{i:D2}-{kind}"), kind, className, random);
    }

    /// <summary>Plain RGB PNGs of the same two classes, for training.</summary>
    public static void WritePlain(string folder, string className, int count, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            using var image = Paint(className, 48, 48, random, transparentCorners: false);
            image.SaveAsPng(Path.Combine(folder, $"{i:D3}.png"), new PngEncoder { ColorType = PngColorType.Rgb });
        }
    }

    private static void Write(string path, string kind, string className, Random random)
    {
        switch (kind)
        {
            case "rgba-transparent.png":
            {
                using var image = Paint(className, 48, 40, random, transparentCorners: true);
                image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.RgbWithAlpha });
                break;
            }
            case "palette-trns.png":
            {
                using var image = Paint(className, 40, 48, random, transparentCorners: true);
                image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Palette });
                break;
            }
            case "rgb16.png":
            {
                using var painted = Paint(className, 48, 48, random, transparentCorners: false);
                using var deep = painted.CloneAs<Rgb48>();
                // Low bits that an 8-bit source never has, so 16 -> 8 bit rounding is exercised.
                deep.ProcessPixelRows(rows =>
                {
                    for (int y = 0; y < rows.Height; y++)
                    foreach (ref var pixel in rows.GetRowSpan(y))
                        pixel = new Rgb48(Jitter(pixel.R, random), Jitter(pixel.G, random), Jitter(pixel.B, random));
                });
                deep.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit16 });
                break;
            }
            case "gray.png":
            {
                using var image = Paint(className, 48, 48, random, transparentCorners: false);
                image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Grayscale });
                break;
            }
            case "cmyk.jpg":
                File.WriteAllBytes(path, FlatBlockJpeg.AdobeCmyk(Blocks(className, 6, 6, random, cmyk: true)));
                break;
            case "progressive.jpg":
                File.WriteAllBytes(path, FlatBlockJpeg.Progressive(Blocks(className, 6, 6, random, cmyk: false)));
                break;
            case "exif-rotated.jpg":
            {
                using var painted = Paint(className, 64, 40, random, transparentCorners: false);
                using var image = painted.CloneAs<Rgb24>();
                image.Metadata.ExifProfile = new ExifProfile();
                image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
                image.SaveAsJpeg(path, new JpegEncoder { Quality = 92 });
                break;
            }
            case "wide.png":
            {
                using var image = Paint(className, 108, 36, random, transparentCorners: false);
                image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Rgb });
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown odd image kind.");
        }
    }

    private static Image<Rgba32> Paint(string className, int width, int height, Random random, bool transparentCorners)
    {
        var ink = Ink(className, random);
        double radius = Math.Min(width, height) * (0.25 + 0.1 * random.NextDouble());
        double cx = width / 2.0 + (random.NextDouble() - 0.5) * width * 0.2, cy = height / 2.0 + (random.NextDouble() - 0.5) * height * 0.2;
        var image = new Image<Rgba32>(width, height);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double distance = Math.Sqrt((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy));
            bool inside = distance <= radius;
            int noise = random.Next(0, 40);
            var pixel = inside ? new Rgba32(ink.R, ink.G, ink.B, 255) : new Rgba32((byte)noise, (byte)noise, (byte)(noise / 2), 255);
            if (transparentCorners && distance > radius * 1.4)
            {
                // Hidden colour under full or partial transparency: what a decoder that drops alpha would show.
                byte alpha = (byte)(x % 2 == 0 ? 0 : 96);
                pixel = new Rgba32(20, 250, 40, alpha);
            }
            image[x, y] = pixel;
        }
        return image;
    }

    // [row, column, component] flat-block samples: inverted CMYK (Adobe) or YCbCr.
    private static byte[,,] Blocks(string className, int rows, int columns, Random random, bool cmyk)
    {
        var blocks = new byte[rows, columns, cmyk ? 4 : 3];
        for (int row = 0; row < rows; row++)
        for (int column = 0; column < columns; column++)
        {
            bool inside = Math.Abs(row - rows / 2.0 + 0.5) + Math.Abs(column - columns / 2.0 + 0.5) <= 2;
            var ink = Ink(className, random);
            int noise = random.Next(0, 40);
            var (r, g, b) = inside ? (ink.R, ink.G, ink.B) : ((byte)noise, (byte)noise, (byte)(noise / 2));
            if (cmyk)
            {
                // Inverted storage: 255 means no ink, so with K stored as k the colour is (C·k/255, M·k/255, Y·k/255).
                byte k = (byte)(inside ? 255 : 200 + random.Next(0, 56));
                blocks[row, column, 0] = (byte)Math.Min(255, r * 255 / k);
                blocks[row, column, 1] = (byte)Math.Min(255, g * 255 / k);
                blocks[row, column, 2] = (byte)Math.Min(255, b * 255 / k);
                blocks[row, column, 3] = k;
            }
            else
            {
                blocks[row, column, 0] = Clamp(0.299 * r + 0.587 * g + 0.114 * b);
                blocks[row, column, 1] = Clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                blocks[row, column, 2] = Clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
            }
        }
        return blocks;
    }

    private static Rgb24 Ink(string className, Random random) => className == "warm"
        ? new Rgb24((byte)random.Next(200, 256), (byte)random.Next(60, 160), (byte)random.Next(0, 60))
        : new Rgb24((byte)random.Next(0, 60), (byte)random.Next(90, 200), (byte)random.Next(190, 256));

    private static ushort Jitter(ushort value, Random random) => (ushort)Math.Clamp(value + random.Next(-200, 201), 0, ushort.MaxValue);

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
