using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetResNet.Imaging;

/// <summary>torchvision's <c>Resize(int)</c>: scale so the shorter side has a given length, keeping the aspect ratio.</summary>
internal static class ResizeShorterSide
{
    /// <summary>Output size; the longer side is truncated as torchvision does (<c>int(size * long / short)</c>).</summary>
    public static Size TargetSize(int width, int height, int shorterSide)
    {
        if (shorterSide < 1) throw new ArgumentOutOfRangeException(nameof(shorterSide), shorterSide, "Must be at least 1.");
        return width <= height
            ? new Size(shorterSide, (int)((long)shorterSide * height / width))
            : new Size((int)((long)shorterSide * width / height), shorterSide);
    }

    /// <summary>A resized copy (bilinear, antialiased when shrinking, like PIL's BILINEAR).</summary>
    public static Image<Rgb24> Apply(Image<Rgb24> image, int shorterSide)
    {
        var size = TargetSize(image.Width, image.Height, shorterSide);
        return image.Clone(context => context.Resize(size.Width, size.Height, KnownResamplers.Triangle));
    }

    /// <summary>
    /// Shrinks in place-of-ownership: returns <paramref name="image"/> itself when its shorter side is already at
    /// most <paramref name="shorterSide"/>, otherwise a shrunk copy after disposing the original.
    /// </summary>
    public static Image<Rgb24> ShrinkTo(Image<Rgb24> image, int shorterSide)
    {
        if (Math.Min(image.Width, image.Height) <= shorterSide) return image;
        using (image)
        {
            return Apply(image, shorterSide);
        }
    }
}
