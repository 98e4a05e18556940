using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>Images read from files, decoded on each <see cref="ListImageSource{TItem}.Load"/>.</summary>
public sealed class FileImageSource : ListImageSource<string>, IEncodedImageBytes
{
    private readonly long maxImagePixels;

    /// <summary>Creates the source.</summary>
    /// <param name="paths">One image file per sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="maxImagePixels">Largest width·height decoded (checked on the header first).</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i (path)</c>.</param>
    public FileImageSource(IReadOnlyList<string> paths, IReadOnlyList<int> labels,
        long maxImagePixels = ImageDecoder.DefaultMaxPixels, IReadOnlyList<string>? descriptions = null)
        : base(paths, labels, descriptions, nameof(paths)) => this.maxImagePixels = maxImagePixels;

    /// <inheritdoc/>
    protected override Image<Rgb24> LoadItem(int index) => ImageDecoder.Decode(Items[index], maxImagePixels, Describe(index));

    bool IEncodedImageBytes.TryGetEncodedBytes(int index, out ReadOnlyMemory<byte> bytes) =>
        EncodedFileBytes.TryRead(Items[index], out bytes);

    /// <inheritdoc/>
    protected override string DefaultDescription(int index) => $"{SampleSourceChecks.RowName(index)} ({Items[index]})";
}
