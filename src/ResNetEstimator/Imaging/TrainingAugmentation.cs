using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using MlNetResNet.Imaging.Augmentation;

namespace MlNetResNet.Imaging;

/// <summary>
/// The training transform: RandomResizedCrop, optional random horizontal flip, optional TrivialAugmentWide, ImageNet
/// normalisation, optional RandomErasing — torchvision's reference order. Every draw comes from (seed, epoch, sample).
/// </summary>
internal sealed class TrainingAugmentation : ISampleWriter
{
    private readonly RandomResizedCrop crop;
    private readonly bool flip;
    private readonly int seed;
    private readonly bool trivialAugment;
    private readonly RandomErasing? erasing;

    public TrainingAugmentation(RandomResizedCrop crop, bool horizontalFlip, int seed,
        AugmentationPolicy policy = AugmentationPolicy.CropFlip)
    {
        this.crop = crop;
        flip = horizontalFlip;
        this.seed = seed;
        trivialAugment = policy != AugmentationPolicy.CropFlip;
        erasing = policy == AugmentationPolicy.TrivialAugmentErasing ? new RandomErasing() : null;
    }

    public int ImageSize => crop.Size;

    public void Write(Image<Rgb24> prepared, int epoch, int sampleIndex, Span<float> destination)
    {
        var random = SampleRandom.For(seed, epoch, sampleIndex);
        var region = crop.SampleRegion(prepared.Width, prepared.Height, ref random);
        using var cropped = crop.Apply(prepared, region);
        if (flip && HorizontalFlip.Draw(ref random)) HorizontalFlip.Apply(cropped);
        if (trivialAugment)
        {
            // The crop is small (ImageSize²): a copy into a plain array keeps the operations simple and allocation-light.
            var grid = PixelGrid.From(cropped);
            var (operation, magnitude) = TrivialAugmentWide.Draw(ref random);
            TrivialAugmentWide.Apply(grid, operation, magnitude);
            ImageNetNormalization.WriteChw(grid.Pixels, grid.Width, grid.Height, destination);
        }
        else
        {
            ImageNetNormalization.WriteChw(cropped, destination);
        }
        if (erasing?.Draw(ImageSize, ImageSize, ref random) is { } erased) RandomErasing.Erase(destination, ImageSize, ImageSize, erased);
    }
}
