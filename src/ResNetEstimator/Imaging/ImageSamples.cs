using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>
/// The labelled images <see cref="ResNetTrainer"/> trains on, from files, encoded bytes or decoded images. Files and
/// bytes are checked (<see cref="ImageFileGuard"/>) and decoded when a sample is loaded, never before.
/// </summary>
public static class ImageSamples
{
    /// <summary>Images read from files, decoded on each load.</summary>
    /// <param name="paths">One image file per sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="maxImagePixels">Largest width·height decoded (checked on the header first).</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i (path)</c>.</param>
    public static IImageSampleSource FromFiles(IReadOnlyList<string> paths, IReadOnlyList<int> labels,
        long maxImagePixels = ImageDecoder.DefaultMaxPixels, IReadOnlyList<string>? descriptions = null) =>
        new FileImageSource(paths, labels, maxImagePixels, descriptions);

    /// <summary>Images held as encoded bytes (PNG, JPEG, ...), decoded on each load.</summary>
    /// <param name="images">The encoded bytes of each sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="maxImagePixels">Largest width·height decoded (checked on the header first).</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i</c>.</param>
    public static IImageSampleSource FromEncodedBytes(IReadOnlyList<ReadOnlyMemory<byte>> images, IReadOnlyList<int> labels,
        long maxImagePixels = ImageDecoder.DefaultMaxPixels, IReadOnlyList<string>? descriptions = null) =>
        new EncodedImageSource(images, labels, maxImagePixels, descriptions);

    /// <summary>Images already decoded; each load hands out a copy. The images stay the caller's and must outlive the source.</summary>
    /// <param name="images">One image per sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i</c>.</param>
    public static IImageSampleSource FromImages(IReadOnlyList<Image<Rgb24>> images, IReadOnlyList<int> labels,
        IReadOnlyList<string>? descriptions = null) =>
        new InMemoryImageSource(images, labels, descriptions);
}
