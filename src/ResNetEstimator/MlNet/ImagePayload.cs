using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet;

/// <summary>What a training row holds of its image, and how to turn it into pixels when the trainer asks.</summary>
internal abstract record ImagePayload
{
    /// <summary>Decodes (or copies) the image; throws <see cref="InvalidImageException"/> naming <paramref name="description"/>.</summary>
    public abstract Image<Rgb24> Load(long maxPixels, string description);
}

/// <summary>An image file, decoded on each load.</summary>
internal sealed record FileImagePayload(string Path) : ImagePayload
{
    public override Image<Rgb24> Load(long maxPixels, string description) => ImageDecoder.Decode(Path, maxPixels, description);
}

/// <summary>Pixels copied out of an MLImage that has no file behind it; each load hands out a copy.</summary>
internal sealed record DecodedImagePayload(Image<Rgb24> Image) : ImagePayload
{
    public override Image<Rgb24> Load(long maxPixels, string description) => Image.Clone(ImagingConfiguration.SingleThreaded);
}

/// <summary>
/// A row whose image could not be read while the data view was scanned. Loading it fails like an undecodable
/// file, so the trainer's invalid-image policy (skip and count, or throw) applies to it too.
/// </summary>
internal sealed record UnreadableImagePayload(string Problem) : ImagePayload
{
    public override Image<Rgb24> Load(long maxPixels, string description) => throw new InvalidImageException(description, Problem);
}
