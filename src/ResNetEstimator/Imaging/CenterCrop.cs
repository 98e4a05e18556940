using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetResNet.Imaging;

/// <summary>torchvision's <c>CenterCrop(size)</c> for images at least as large as the crop.</summary>
internal static class CenterCrop
{
    /// <summary>The centred square; offsets rounded half-to-even like Python's <c>round</c>.</summary>
    public static Rectangle Region(int width, int height, int size)
    {
        if (size > width || size > height)
            throw new ArgumentException($"A {size}px center crop needs an image at least that large, got {width}x{height}.");
        int top = (int)Math.Round((height - size) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((width - size) / 2.0, MidpointRounding.ToEven);
        return new Rectangle(left, top, size, size);
    }

    /// <summary>A cropped copy.</summary>
    public static Image<Rgb24> Apply(Image<Rgb24> image, int size)
    {
        var region = Region(image.Width, image.Height, size);
        return image.Clone(context => context.Crop(region));
    }
}
