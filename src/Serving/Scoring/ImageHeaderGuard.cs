using SixLabors.ImageSharp;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// Reads an image's header only (format, width, height) so an unknown format or a huge image is refused before any
/// pixel is decoded: a 100 000 × 100 000 PNG is a few kilobytes on the wire and 40 GB once decoded.
/// </summary>
public static class ImageHeaderGuard
{
    /// <summary>Throws <see cref="ImageRejectedException"/> naming <paramref name="image"/>'s part when it is not acceptable.</summary>
    public static void Check(EncodedImage image, long maxPixels)
    {
        if (image.Bytes.IsEmpty) throw new ImageRejectedException($"Image '{image.Part}' is empty (0 bytes).");
        SixLabors.ImageSharp.IImageInfo? info;
        try
        {
            using var stream = new MemoryStream(image.Bytes.ToArray(), writable: false);
            info = Image.Identify(stream);
        }
        catch (Exception error) when (error is UnknownImageFormatException or InvalidImageContentException or NotSupportedException
                                          or InvalidDataException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            throw new ImageRejectedException($"Image '{image.Part}' cannot be decoded: {error.Message}", error);
        }
        if (info is null) throw new ImageRejectedException($"Image '{image.Part}' is not in a known image format (JPEG, PNG, BMP, GIF, WebP, TIFF, TGA, PBM).");
        long pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
            throw new ImageRejectedException($"Image '{image.Part}' has an empty size {info.Width}x{info.Height}.");
        if (pixels > maxPixels)
            throw new ImageRejectedException(
                $"Image '{image.Part}' is {info.Width}x{info.Height} = {pixels:N0} pixels, above the limit of {maxPixels:N0}; not decoded.");
    }
}
