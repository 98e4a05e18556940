using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>Images held as encoded bytes (JPEG, PNG, …), decoded on each <see cref="ListImageSource{TItem}.Load"/>.</summary>
public sealed class EncodedImageSource : ListImageSource<ReadOnlyMemory<byte>>, IEncodedImageBytes
{
    private readonly long maxImagePixels;

    /// <summary>Creates the source.</summary>
    /// <param name="images">The encoded bytes of each sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="maxImagePixels">Largest width·height decoded (checked on the header first).</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i</c>.</param>
    public EncodedImageSource(IReadOnlyList<ReadOnlyMemory<byte>> images, IReadOnlyList<int> labels,
        long maxImagePixels = ImageDecoder.DefaultMaxPixels, IReadOnlyList<string>? descriptions = null)
        : base(images, labels, descriptions, nameof(images)) => this.maxImagePixels = maxImagePixels;

    /// <inheritdoc/>
    bool IEncodedImageBytes.TryGetEncodedBytes(int index, out ReadOnlyMemory<byte> bytes)
    {
        bytes = Items[index];
        return true;
    }

    /// <inheritdoc/>
    protected override Image<Rgb24> LoadItem(int index) => ImageDecoder.Decode(Items[index], maxImagePixels, Describe(index));
}
