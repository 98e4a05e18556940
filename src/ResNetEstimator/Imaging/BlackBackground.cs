using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>
/// The alpha policy: a pixel with transparency is composited on black. That is what the saved model sees: Skia
/// decodes to premultiplied alpha and ML.NET's ResizeImages and ExtractPixels read those premultiplied colours, so
/// training images get the same colours instead of the colour hidden under transparent pixels.
/// </summary>
internal static class BlackBackground
{
    /// <summary>An opaque copy of <paramref name="image"/> on black, rounded as Skia premultiplies (<c>SkMulDiv255Round</c>).</summary>
    public static Image<Rgb24> Flatten(Image<Rgba32> image)
    {
        var flat = new Image<Rgb24>(ImagingConfiguration.SingleThreaded, image.Width, image.Height);
        image.ProcessPixelRows(flat, (source, destination) =>
        {
            for (int y = 0; y < source.Height; y++)
            {
                var from = source.GetRowSpan(y);
                var to = destination.GetRowSpan(y);
                for (int x = 0; x < from.Length; x++)
                {
                    var pixel = from[x];
                    to[x] = pixel.A == byte.MaxValue
                        ? new Rgb24(pixel.R, pixel.G, pixel.B)
                        : new Rgb24(Premultiply(pixel.R, pixel.A), Premultiply(pixel.G, pixel.A), Premultiply(pixel.B, pixel.A));
                }
            }
        });
        return flat;
    }

    /// <summary>round(colour · alpha / 255) in integers.</summary>
    public static byte Premultiply(byte colour, byte alpha)
    {
        int product = colour * alpha + 128;
        return (byte)((product + (product >> 8)) >> 8);
    }
}
