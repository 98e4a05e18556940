using MlNetResNet.Imaging;
namespace MlNetResNet.Imaging.Augmentation;

/// <summary>
/// torchvision's <c>RandomErasing</c> with its defaults (p = 0.5, area 2%–33%, aspect ratio 0.3–3.3, value 0): on the
/// normalised [3, H, W] floats, so erased pixels are the dataset mean. Ten tries to fit a region, else nothing is erased.
/// </summary>
internal sealed class RandomErasing
{
    private const int Attempts = 10;

    public double Probability { get; init; } = 0.5;

    public (double Min, double Max) Scale { get; init; } = (0.02, 0.33);

    public (double Min, double Max) Ratio { get; init; } = (0.3, 3.3);

    /// <summary>The region to erase (x, y, width, height), or null for none; drawn from <paramref name="random"/>.</summary>
    public (int X, int Y, int Width, int Height)? Draw(int width, int height, ref SampleRandom random)
    {
        if (random.NextDouble() >= Probability) return null;
        double area = (double)width * height;
        double logMin = Math.Log(Ratio.Min), logMax = Math.Log(Ratio.Max);
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            double target = area * random.NextDouble(Scale.Min, Scale.Max);
            double aspect = Math.Exp(random.NextDouble(logMin, logMax));
            int h = (int)Math.Round(Math.Sqrt(target * aspect), MidpointRounding.ToEven);
            int w = (int)Math.Round(Math.Sqrt(target / aspect), MidpointRounding.ToEven);
            if (!(h < height && w < width)) continue;
            int y = random.NextInt(height - h + 1);
            int x = random.NextInt(width - w + 1);
            return (x, y, w, h);
        }
        return null;
    }

    /// <summary>Sets the region to 0 in all three planes of <paramref name="chw"/>.</summary>
    public static void Erase(Span<float> chw, int width, int height, (int X, int Y, int Width, int Height) region)
    {
        int plane = width * height;
        for (int channel = 0; channel < 3; channel++)
        {
            for (int row = region.Y; row < region.Y + region.Height; row++)
                chw.Slice(channel * plane + row * width + region.X, region.Width).Clear();
        }
    }
}
