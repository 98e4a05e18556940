using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet.Training.FeatureCache;

/// <summary>
/// A hash of what an image holds, independent of its file name or row: the encoded bytes when the source has them
/// (a read, no decode), else the decoded pixels with their size. The two kinds are told apart by a prefix.
/// </summary>
internal static class ImageContentHash
{
    private static readonly byte[] EncodedPrefix = "encoded\0"u8.ToArray();
    private static readonly byte[] PixelsPrefix = "rgb24\0\0\0"u8.ToArray();

    /// <summary>The content hash of one sample (32 bytes).</summary>
    /// <exception cref="InvalidImageException">The sample has no bytes and cannot be decoded.</exception>
    public static byte[] Of(IImageSampleSource source, int index, DecodedImageCache images)
    {
        if (source is IEncodedImageBytes encoded && encoded.TryGetEncodedBytes(index, out var bytes))
            return OfEncoded(bytes.Span);
        using var image = images.Get(index);
        return OfPixels(image);
    }

    public static byte[] OfEncoded(ReadOnlySpan<byte> bytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(EncodedPrefix);
        hash.AppendData(bytes);
        return hash.GetHashAndReset();
    }

    public static byte[] OfPixels(Image<Rgb24> image)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(PixelsPrefix);
        Span<int> size = [image.Width, image.Height];
        hash.AppendData(MemoryMarshal.AsBytes(size));
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++) hash.AppendData(MemoryMarshal.AsBytes(rows.GetRowSpan(y)));
        });
        return hash.GetHashAndReset();
    }
}
