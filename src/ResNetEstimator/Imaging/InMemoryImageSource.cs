using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet;

/// <summary>Images already decoded and held in memory; <see cref="Load"/> hands out copies.</summary>
public sealed class InMemoryImageSource : IImageSampleSource
{
    private readonly IReadOnlyList<Image<Rgb24>> images;
    private readonly IReadOnlyList<int> labels;
    private readonly IReadOnlyList<string>? descriptions;

    /// <summary>Creates the source; the images stay owned by the caller and must outlive it.</summary>
    /// <param name="images">One image per sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i</c>.</param>
    public InMemoryImageSource(IReadOnlyList<Image<Rgb24>> images, IReadOnlyList<int> labels,
        IReadOnlyList<string>? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        SampleSourceChecks.SameLength(images.Count, labels, descriptions, nameof(images));
        this.images = images;
        this.labels = labels;
        this.descriptions = descriptions;
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
        // Image.Clone only reads the source, so concurrent loads of the same image are safe.
        return images[index].Clone(ImagingConfiguration.SingleThreaded);
    }

    /// <inheritdoc/>
    public string Describe(int index)
    {
        SampleSourceChecks.Index(index, Count);
        return descriptions?[index] ?? SampleSourceChecks.RowName(index);
    }
}
