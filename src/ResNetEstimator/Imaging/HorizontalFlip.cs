using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetResNet.Imaging;

/// <summary>torchvision's <c>RandomHorizontalFlip(p = 0.5)</c>.</summary>
internal static class HorizontalFlip
{
    public const double Probability = 0.5;

    /// <summary>Draws whether this sample is mirrored (one draw, like torchvision's <c>torch.rand(1) &lt; p</c>).</summary>
    public static bool Draw(ref SampleRandom random) => random.NextDouble() < Probability;

    /// <summary>Mirrors the image left-right in place.</summary>
    public static void Apply(Image<Rgb24> image) => image.Mutate(context => context.Flip(FlipMode.Horizontal));
}
