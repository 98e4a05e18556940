using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging.Augmentation;

/// <summary>
/// An image as one row-major array of RGB bytes, which the augmentation operations rewrite in place; a scratch
/// array of the same size lets the geometric ones read the old pixels while they write the new ones.
/// </summary>
internal sealed class PixelGrid
{
    public PixelGrid(int width, int height)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is not an image size.");
        Width = width;
        Height = height;
        Pixels = new Rgb24[width * height];
        Scratch = new Rgb24[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public Rgb24[] Pixels { get; }

    /// <summary>Working space of the same size as <see cref="Pixels"/>; its content is undefined between operations.</summary>
    public Rgb24[] Scratch { get; }

    public static PixelGrid From(Image<Rgb24> image)
    {
        var grid = new PixelGrid(image.Width, image.Height);
        image.CopyPixelDataTo(grid.Pixels);
        return grid;
    }

    public Image<Rgb24> ToImage() => Image.LoadPixelData<Rgb24>(Pixels, Width, Height);
}
