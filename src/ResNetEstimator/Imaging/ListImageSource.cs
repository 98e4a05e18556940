using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>
/// A sample source over parallel lists (one item, label and optional description per sample): the bookkeeping
/// shared by file, encoded-bytes and in-memory sources, which differ only in how an item becomes an image.
/// </summary>
/// <typeparam name="TItem">What is held per sample: a path, encoded bytes, a decoded image.</typeparam>
public abstract class ListImageSource<TItem> : IImageSampleSource
{
    private readonly IReadOnlyList<int> labels;
    private readonly IReadOnlyList<string>? descriptions;

    /// <summary>Checks that the lists line up.</summary>
    protected ListImageSource(IReadOnlyList<TItem> items, IReadOnlyList<int> labels, IReadOnlyList<string>? descriptions,
        string itemsName)
    {
        ArgumentNullException.ThrowIfNull(items, itemsName);
        SampleSourceChecks.SameLength(items.Count, labels, descriptions, itemsName);
        Items = items;
        this.labels = labels;
        this.descriptions = descriptions;
    }

    /// <summary>The per-sample items.</summary>
    protected IReadOnlyList<TItem> Items { get; }

    /// <inheritdoc/>
    public int Count => Items.Count;

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
        return LoadItem(index);
    }

    /// <inheritdoc/>
    public string Describe(int index)
    {
        SampleSourceChecks.Index(index, Count);
        return descriptions?[index] ?? DefaultDescription(index);
    }

    /// <summary>The image of sample <paramref name="index"/> (already range-checked); the caller disposes it.</summary>
    protected abstract Image<Rgb24> LoadItem(int index);

    /// <summary>How a sample is named in errors when no description was given.</summary>
    protected virtual string DefaultDescription(int index) => SampleSourceChecks.RowName(index);
}
