using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>
/// The one decoding path: <see cref="ImageFileGuard"/> checks the file's structure first (size, format, header
/// pixels against the limit, frames, end marker) before any pixel is decoded, then ImageSharp decodes the first
/// frame to RGB; transparent pixels are composited on black (<see cref="BlackBackground"/>), as the saved model's Skia
/// decoder gives them. EXIF orientation is ignored, by Skia too (and by torchvision's ImageFolder).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Default largest image accepted: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Decodes an image file.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="maxPixels">Largest width·height accepted; checked on the header before decoding.</param>
    /// <param name="imageSource">How the image is named in errors; defaults to the path.</param>
    /// <exception cref="InvalidImageException">The file is missing, unreadable, not an image, corrupt or too large.</exception>
    public static Image<Rgb24> Decode(string path, long maxPixels = DefaultMaxPixels, string? imageSource = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        imageSource ??= path;
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidImageException(imageSource, $"cannot be read ({e.Message})", e);
        }
        using (stream)
        {
            return Decode(stream, maxPixels, imageSource);
        }
    }

    /// <summary>Decodes encoded image bytes (JPEG, PNG, GIF, BMP, WebP: <see cref="ImageFileGuard.AcceptedFormats"/>).</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="maxPixels">Largest width·height accepted; checked on the header before decoding.</param>
    /// <param name="imageSource">How the image is named in errors, e.g. "row 12".</param>
    /// <exception cref="InvalidImageException">The bytes are not an image, corrupt or too large.</exception>
    public static Image<Rgb24> Decode(ReadOnlyMemory<byte> encoded, long maxPixels, string imageSource)
    {
        ArgumentNullException.ThrowIfNull(imageSource);
        if (encoded.IsEmpty) throw new InvalidImageException(imageSource, "holds no bytes.");
        using var stream = EncodedBytesStream.Open(encoded);
        return Decode(stream, maxPixels, imageSource);
    }

    private static Image<Rgb24> Decode(Stream stream, long maxPixels, string imageSource)
    {
        if (maxPixels <= 0) throw new ArgumentOutOfRangeException(nameof(maxPixels), maxPixels, "The pixel limit must be positive.");
        var verdict = ImageFileGuard.Inspect(stream, imageSource, new ImageFileLimits { MaxPixels = maxPixels });
        if (!verdict.IsAccepted) throw new InvalidImageException(imageSource, verdict.Problem!);
        stream.Position = 0;
        var configuration = ImagingConfiguration.ForMaxPixels(maxPixels);
        try
        {
            var info = Image.Identify(configuration, stream, out var format)
                ?? throw new InvalidImageException(imageSource, "is not in a known image format.");
            long pixels = (long)info.Width * info.Height;
            if (info.Width <= 0 || info.Height <= 0)
                throw new InvalidImageException(imageSource, $"has an empty size {info.Width}x{info.Height}.");
            if (pixels > maxPixels)
                throw new InvalidImageException(imageSource,
                    $"is {info.Width}x{info.Height} = {pixels:N0} pixels, above the limit of {maxPixels:N0} (MaxImagePixels); not decoded.");
            stream.Position = 0;
            // JPEG has no alpha; every other format may, and is composited on black as the saved model sees it.
            if (format is JpegFormat) return Image.Load<Rgb24>(configuration, stream);
            using var withAlpha = Image.Load<Rgba32>(configuration, stream);
            return BlackBackground.Flatten(withAlpha);
        }
        catch (Exception e) when (IsDecoderFailure(e))
        {
            throw new InvalidImageException(imageSource, $"cannot be decoded ({e.Message})", e);
        }
    }

    // Malformed input surfaces from ImageSharp's decoders as format errors, but also as the stream and range
    // errors of a decoder reading past a truncated or lying header: all mean "this file is not a usable image".
    private static bool IsDecoderFailure(Exception e) =>
        e is ImageFormatException or NotSupportedException or InvalidDataException or IOException
            or ArgumentException or IndexOutOfRangeException or InvalidOperationException;
}
