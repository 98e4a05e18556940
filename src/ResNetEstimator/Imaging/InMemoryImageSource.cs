using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>Images already decoded and held in memory; <see cref="ListImageSource{TItem}.Load"/> hands out copies.</summary>
public sealed class InMemoryImageSource : ListImageSource<Image<Rgb24>>
{
    /// <summary>Creates the source; the images stay owned by the caller and must outlive it.</summary>
    /// <param name="images">One image per sample.</param>
    /// <param name="labels">Zero-based class per sample.</param>
    /// <param name="descriptions">How each sample is named in errors; default <c>row i</c>.</param>
    public InMemoryImageSource(IReadOnlyList<Image<Rgb24>> images, IReadOnlyList<int> labels,
        IReadOnlyList<string>? descriptions = null)
        : base(images, labels, descriptions, nameof(images))
    {
    }

    // Image.Clone only reads the source, so concurrent loads of the same image are safe.
    /// <inheritdoc/>
    protected override Image<Rgb24> LoadItem(int index) => Items[index].Clone(ImagingConfiguration.SingleThreaded);
}
