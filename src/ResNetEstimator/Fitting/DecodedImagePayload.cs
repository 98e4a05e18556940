using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging;

namespace MlNetResNet.Fitting;

/// <summary>Pixels copied out of an MLImage that has no file behind it; each load hands out a copy.</summary>
internal sealed record DecodedImagePayload(Image<Rgb24> Image) : ImagePayload
{
    public override Image<Rgb24> Load(long maxPixels, string description) => Image.Clone(ImagingConfiguration.SingleThreaded);
}
