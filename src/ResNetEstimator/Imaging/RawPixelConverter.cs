using System.Runtime.InteropServices;
using Microsoft.ML.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>Turns already-decoded 32-bit pixels (ML.NET's <see cref="MLImage"/>) into an RGB image; alpha is dropped.</summary>
public static class RawPixelConverter
{
    /// <summary>Copies an <see cref="MLImage"/> (from <c>LoadImages</c>) into a new RGB image.</summary>
    /// <param name="image">The ML.NET image.</param>
    /// <param name="imageSource">How the image is named in errors, e.g. "row 12".</param>
    /// <exception cref="InvalidImageException">Unknown pixel format or a pixel buffer of the wrong size.</exception>
    public static Image<Rgb24> ToRgb24(MLImage image, string imageSource)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ToRgb24(image.Pixels, image.Width, image.Height, image.PixelFormat, imageSource);
    }

    /// <summary>Copies tightly packed Bgra32 or Rgba32 pixels into a new RGB image.</summary>
    /// <param name="pixels">Row-major pixels, 4 bytes each, no row padding.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="format">Byte order of each pixel.</param>
    /// <param name="imageSource">How the image is named in errors.</param>
    /// <exception cref="InvalidImageException">Unknown pixel format, empty size or a buffer of the wrong length.</exception>
    public static Image<Rgb24> ToRgb24(ReadOnlySpan<byte> pixels, int width, int height, MLPixelFormat format, string imageSource)
    {
        ArgumentNullException.ThrowIfNull(imageSource);
        if (format is not (MLPixelFormat.Bgra32 or MLPixelFormat.Rgba32))
            throw new InvalidImageException(imageSource, $"has pixel format {format}; only Bgra32 and Rgba32 are supported.");
        if (width <= 0 || height <= 0)
            throw new InvalidImageException(imageSource, $"has an empty size {width}x{height}.");
        long expected = 4L * width * height;
        if (pixels.Length != expected)
            throw new InvalidImageException(imageSource,
                $"holds {pixels.Length} pixel bytes, but {width}x{height} at 4 bytes per pixel needs {expected}.");

        // ImageSharp's pixel-format conversion (vectorised) does the byte shuffle and drops alpha.
        var configuration = ImagingConfiguration.SingleThreaded;
        using Image wrapped = format == MLPixelFormat.Rgba32
            ? Image.LoadPixelData(configuration, MemoryMarshal.Cast<byte, Rgba32>(pixels), width, height)
            : Image.LoadPixelData(configuration, MemoryMarshal.Cast<byte, Bgra32>(pixels), width, height);
        return wrapped.CloneAs<Rgb24>(configuration);
    }
}
