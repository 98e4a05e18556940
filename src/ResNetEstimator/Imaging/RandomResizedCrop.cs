using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace MlNetResNet.Imaging;

/// <summary>
/// torchvision's <c>RandomResizedCrop</c>: pick a region of random area and aspect ratio (ten tries, then a
/// centred fallback), and resize it bilinearly to a square.
/// </summary>
internal sealed class RandomResizedCrop
{
    private const int Attempts = 10;
    private readonly double logRatioMin;
    private readonly double logRatioMax;

    public RandomResizedCrop(int size, (double Min, double Max) scale, (double Min, double Max) ratio)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "The crop size must be at least 1.");
        if (!(scale.Min > 0 && scale.Min <= scale.Max))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale range needs 0 < min <= max.");
        if (!(ratio.Min > 0 && ratio.Min <= ratio.Max))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The aspect-ratio range needs 0 < min <= max.");
        Size = size;
        Scale = scale;
        Ratio = ratio;
        logRatioMin = Math.Log(ratio.Min);
        logRatioMax = Math.Log(ratio.Max);
    }

    /// <summary>Side of the square output.</summary>
    public int Size { get; }

    public (double Min, double Max) Scale { get; }

    public (double Min, double Max) Ratio { get; }

    /// <summary>The region to crop from a <paramref name="width"/>×<paramref name="height"/> image (torchvision's get_params).</summary>
    public Rectangle SampleRegion(int width, int height, ref SampleRandom random)
    {
        double area = (double)width * height;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            double targetArea = area * random.NextDouble(Scale.Min, Scale.Max);
            double aspect = Math.Exp(random.NextDouble(logRatioMin, logRatioMax));
            int w = (int)Math.Round(Math.Sqrt(targetArea * aspect), MidpointRounding.ToEven);
            int h = (int)Math.Round(Math.Sqrt(targetArea / aspect), MidpointRounding.ToEven);
            if (w > 0 && w <= width && h > 0 && h <= height)
            {
                int top = random.NextInt(height - h + 1);
                int left = random.NextInt(width - w + 1);
                return new Rectangle(left, top, w, h);
            }
        }
        return CentralFallback(width, height);
    }

    /// <summary>Crops <paramref name="region"/> and resizes it to Size×Size in one pass (no intermediate image).</summary>
    public Image<Rgb24> Apply(Image<Rgb24> image, Rectangle region) =>
        image.Clone(context => context.Resize(Size, Size, KnownResamplers.Triangle, region,
            new Rectangle(0, 0, Size, Size), compand: false));

    // The whole image, trimmed to the nearest allowed aspect ratio when it is outside the range.
    private Rectangle CentralFallback(int width, int height)
    {
        double inRatio = (double)width / height;
        int w = width, h = height;
        if (inRatio < Ratio.Min)
            h = (int)Math.Round(w / Ratio.Min, MidpointRounding.ToEven);
        else if (inRatio > Ratio.Max)
            w = (int)Math.Round(h * Ratio.Max, MidpointRounding.ToEven);
        return new Rectangle((width - w) / 2, (height - h) / 2, w, h);
    }
}
