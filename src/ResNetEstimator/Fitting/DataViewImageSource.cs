using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet.Fitting;

/// <summary>Training rows read from an IDataView: one image payload, label and description per row.</summary>
internal sealed class DataViewImageSource : IImageSampleSource, IEncodedImageBytes, IDisposable
{
    private readonly IReadOnlyList<ImagePayload> payloads;
    private readonly IReadOnlyList<int> labels;
    private readonly IReadOnlyList<string> descriptions;
    private readonly long maxImagePixels;
    private readonly bool ownsPayloads;

    public DataViewImageSource(IReadOnlyList<ImagePayload> payloads, IReadOnlyList<int> labels,
        IReadOnlyList<string> descriptions, long maxImagePixels)
        : this(payloads, labels, descriptions, maxImagePixels, ownsPayloads: true)
    {
    }

    private DataViewImageSource(IReadOnlyList<ImagePayload> payloads, IReadOnlyList<int> labels,
        IReadOnlyList<string> descriptions, long maxImagePixels, bool ownsPayloads)
    {
        this.payloads = payloads;
        this.labels = labels;
        this.descriptions = descriptions;
        this.maxImagePixels = maxImagePixels;
        this.ownsPayloads = ownsPayloads;
    }

    public int Count => payloads.Count;

    public int GetLabel(int index) => labels[index];

    public Image<Rgb24> Load(int index) => payloads[index].Load(maxImagePixels, descriptions[index]);

    public string Describe(int index) => descriptions[index];

    // Hashed for the feature cache: a file's own bytes; pixels copied out of an MLImage have none (the hash decodes them).
    public bool TryGetEncodedBytes(int index, out ReadOnlyMemory<byte> bytes)
    {
        if (payloads[index] is FileImagePayload file) return EncodedFileBytes.TryRead(file.Path, out bytes);
        bytes = default;
        return false;
    }

    /// <summary>Why a row's image is known to be unusable from the scan alone (empty path, LoadImages failure), or null.</summary>
    public string? UnreadableProblem(int index) => payloads[index] is UnreadableImagePayload unreadable ? unreadable.Problem : null;

    /// <summary>The rows at <paramref name="indices"/>, sharing this source's payloads (which this source keeps owning).</summary>
    public DataViewImageSource Subset(IReadOnlyList<int> indices) => new(
        indices.Select(i => payloads[i]).ToArray(), indices.Select(i => labels[i]).ToArray(),
        indices.Select(i => descriptions[i]).ToArray(), maxImagePixels, ownsPayloads: false);

    public void Dispose()
    {
        if (!ownsPayloads)
            return;
        foreach (var decoded in payloads.OfType<DecodedImagePayload>())
            decoded.Image.Dispose();
    }
}
