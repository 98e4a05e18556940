using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Fitting;

/// <summary>
/// A row whose image could not be read while the data view was scanned. Loading it fails like an undecodable
/// file, so the trainer's invalid-image policy (skip and count, or throw) applies to it too.
/// </summary>
internal sealed record UnreadableImagePayload(string Problem) : ImagePayload
{
    public override Image<Rgb24> Load(long maxPixels, string description) => throw new InvalidImageException(description, Problem);
}
