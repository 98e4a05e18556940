using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet;

/// <summary>Images held as encoded bytes (JPEG, PNG, …), decoded on each <see cref="Load"/>.</summary>
public sealed class EncodedImageSource : IImageSampleSource
{
    private readonly IReadOnlyList<ReadOnlyMemory<byte>> images;
    private readonly IReadOnlyList<int> labels;
    private readonly IReadOnlyList<string>? descriptions;
    private readonly long maxImagePixels;

    /// <summary>Creates the source.</summary>
    /// <param name="images">The encoded bytes of each sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="maxImagePixels">Largest width·height decoded (checked on the header first).</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i</c>.</param>
    public EncodedImageSource(IReadOnlyList<ReadOnlyMemory<byte>> images, IReadOnlyList<int> labels,
        long maxImagePixels = ImageDecoder.DefaultMaxPixels, IReadOnlyList<string>? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        SampleSourceChecks.SameLength(images.Count, labels, descriptions, nameof(images));
        this.images = images;
        this.labels = labels;
        this.descriptions = descriptions;
        this.maxImagePixels = maxImagePixels;
    }

    /// <inheritdoc/>
    public int Count => images.Count;

    /// <inheritdoc/>
    public int GetLabel(int index)
    {
        SampleSourceChecks.Index(index, Count);
        return labels[index];
    }

    /// <inheritdoc/>
    public Image<Rgb24> Load(int index)
    {
        SampleSourceChecks.Index(index, Count);
        return ImageDecoder.Decode(images[index], maxImagePixels, Describe(index));
    }

    /// <inheritdoc/>
    public string Describe(int index)
    {
        SampleSourceChecks.Index(index, Count);
        return descriptions?[index] ?? SampleSourceChecks.RowName(index);
    }
}
