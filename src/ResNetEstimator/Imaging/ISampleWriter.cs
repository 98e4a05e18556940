using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>Turns one prepared image into the network's normalised [3, S, S] input.</summary>
internal interface ISampleWriter
{
    /// <summary>Side S of the square written.</summary>
    int ImageSize { get; }

    /// <summary>
    /// Writes sample <paramref name="sampleIndex"/> of <paramref name="epoch"/>; any randomness is drawn from
    /// those two numbers alone, so the result does not depend on which thread runs it or when.
    /// </summary>
    void Write(Image<Rgb24> prepared, int epoch, int sampleIndex, Span<float> destination);
}
