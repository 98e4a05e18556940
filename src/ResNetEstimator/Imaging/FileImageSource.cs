using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet;

/// <summary>Images read from files, decoded on each <see cref="Load"/>.</summary>
public sealed class FileImageSource : IImageSampleSource
{
    private readonly IReadOnlyList<string> paths;
    private readonly IReadOnlyList<int> labels;
    private readonly IReadOnlyList<string>? descriptions;
    private readonly long maxImagePixels;

    /// <summary>Creates the source.</summary>
    /// <param name="paths">One image file per sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="maxImagePixels">Largest width·height decoded (checked on the header first).</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i (path)</c>.</param>
    public FileImageSource(IReadOnlyList<string> paths, IReadOnlyList<int> labels,
        long maxImagePixels = ImageDecoder.DefaultMaxPixels, IReadOnlyList<string>? descriptions = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        SampleSourceChecks.SameLength(paths.Count, labels, descriptions, nameof(paths));
        this.paths = paths;
        this.labels = labels;
        this.descriptions = descriptions;
        this.maxImagePixels = maxImagePixels;
    }

    /// <inheritdoc/>
    public int Count => paths.Count;

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
        return ImageDecoder.Decode(paths[index], maxImagePixels, Describe(index));
    }

    /// <inheritdoc/>
    public string Describe(int index)
    {
        SampleSourceChecks.Index(index, Count);
        return descriptions?[index] ?? $"{SampleSourceChecks.RowName(index)} ({paths[index]})";
    }
}
