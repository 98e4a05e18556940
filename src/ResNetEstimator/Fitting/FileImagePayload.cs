using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet.Fitting;

/// <summary>An image file, decoded on each load.</summary>
internal sealed record FileImagePayload(string Path) : ImagePayload
{
    public override Image<Rgb24> Load(long maxPixels, string description) => ImageDecoder.Decode(Path, maxPixels, description);
}
