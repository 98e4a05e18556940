using MlNetResNet.Imaging;
namespace MlNetResNet.Imaging.Augmentation;

/// <summary>
/// torchvision's <c>TrivialAugmentWide</c> (Müller &amp; Hutter, 2021): per image, one operation drawn uniformly from
/// fourteen, at one of 31 magnitude bins drawn uniformly, with a random sign for the signed ones. The magnitude tables
/// are torchvision's "wide" ones; translations are in pixels (up to 32 whatever the image size, as there).
/// </summary>
internal static class TrivialAugmentWide
{
    public const int MagnitudeBins = 31;

    private static readonly TrivialAugmentOperation[] Operations = Enum.GetValues<TrivialAugmentOperation>();

    /// <summary>The operation and signed magnitude one sample gets (three draws at most from <paramref name="random"/>).</summary>
    public static (TrivialAugmentOperation Operation, double Magnitude) Draw(ref SampleRandom random)
    {
        var operation = Operations[random.NextInt(Operations.Length)];
        int bin = random.NextInt(MagnitudeBins);
        double magnitude = Magnitude(operation, bin);
        if (IsSigned(operation) && random.NextInt(2) == 1) magnitude = -magnitude;
        return (operation, magnitude);
    }

    /// <summary>The magnitude of bin <paramref name="bin"/> in [0, 31) (torchvision's <c>_augmentation_space</c>).</summary>
    public static double Magnitude(TrivialAugmentOperation operation, int bin)
    {
        if ((uint)bin >= MagnitudeBins) throw new ArgumentOutOfRangeException(nameof(bin), bin, $"Bins run from 0 to {MagnitudeBins - 1}.");
        double fraction = bin / (double)(MagnitudeBins - 1);
        return operation switch
        {
            TrivialAugmentOperation.ShearX or TrivialAugmentOperation.ShearY => 0.99 * fraction,
            TrivialAugmentOperation.TranslateX or TrivialAugmentOperation.TranslateY => 32.0 * fraction,
            TrivialAugmentOperation.Rotate => 135.0 * fraction,
            TrivialAugmentOperation.Brightness or TrivialAugmentOperation.Color or TrivialAugmentOperation.Contrast
                or TrivialAugmentOperation.Sharpness => 0.99 * fraction,
            // 8 bits at bin 0 down to 2 bits at bin 30: 8 - round(bin / 5).
            TrivialAugmentOperation.Posterize => 8 - Math.Round(bin / ((MagnitudeBins - 1) / 6.0), MidpointRounding.ToEven),
            TrivialAugmentOperation.Solarize => 255.0 * (1 - fraction),
            _ => 0,
        };
    }

    public static bool IsSigned(TrivialAugmentOperation operation) => operation is TrivialAugmentOperation.ShearX
        or TrivialAugmentOperation.ShearY or TrivialAugmentOperation.TranslateX or TrivialAugmentOperation.TranslateY
        or TrivialAugmentOperation.Rotate or TrivialAugmentOperation.Brightness or TrivialAugmentOperation.Color
        or TrivialAugmentOperation.Contrast or TrivialAugmentOperation.Sharpness;

    /// <summary>Applies <paramref name="operation"/> at <paramref name="magnitude"/> to the pixels in place.</summary>
    public static void Apply(PixelGrid grid, TrivialAugmentOperation operation, double magnitude)
    {
        switch (operation)
        {
            case TrivialAugmentOperation.Identity: break;
            case TrivialAugmentOperation.ShearX: AffineWarp.ShearX(grid, magnitude); break;
            case TrivialAugmentOperation.ShearY: AffineWarp.ShearY(grid, magnitude); break;
            case TrivialAugmentOperation.TranslateX: AffineWarp.Translate(grid, (int)magnitude, 0); break;
            case TrivialAugmentOperation.TranslateY: AffineWarp.Translate(grid, 0, (int)magnitude); break;
            case TrivialAugmentOperation.Rotate: AffineWarp.Rotate(grid, magnitude); break;
            case TrivialAugmentOperation.Brightness: ColorAdjust.Brightness(grid, 1 + magnitude); break;
            case TrivialAugmentOperation.Color: ColorAdjust.Color(grid, 1 + magnitude); break;
            case TrivialAugmentOperation.Contrast: ColorAdjust.Contrast(grid, 1 + magnitude); break;
            case TrivialAugmentOperation.Sharpness: ColorAdjust.Sharpness(grid, 1 + magnitude); break;
            case TrivialAugmentOperation.Posterize: ToneAdjust.Posterize(grid, (int)magnitude); break;
            case TrivialAugmentOperation.Solarize: ToneAdjust.Solarize(grid, magnitude); break;
            case TrivialAugmentOperation.AutoContrast: ToneAdjust.AutoContrast(grid); break;
            case TrivialAugmentOperation.Equalize: ToneAdjust.Equalize(grid); break;
            default: throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a TrivialAugment operation.");
        }
    }
}
