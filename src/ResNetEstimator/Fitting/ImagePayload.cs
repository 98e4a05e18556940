using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Fitting;

/// <summary>What a training row holds of its image, and how to turn it into pixels when the trainer asks.</summary>
internal abstract record ImagePayload
{
    /// <summary>Decodes (or copies) the image; throws <see cref="InvalidImageException"/> naming <paramref name="description"/>.</summary>
    public abstract Image<Rgb24> Load(long maxPixels, string description);
}
