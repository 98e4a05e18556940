using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>The training transform: RandomResizedCrop, optional random horizontal flip, ImageNet normalisation.</summary>
internal sealed class TrainingAugmentation : ISampleWriter
{
    private readonly RandomResizedCrop crop;
    private readonly bool flip;
    private readonly int seed;

    public TrainingAugmentation(RandomResizedCrop crop, bool horizontalFlip, int seed)
    {
        this.crop = crop;
        flip = horizontalFlip;
        this.seed = seed;
    }

    public int ImageSize => crop.Size;

    public void Write(Image<Rgb24> prepared, int epoch, int sampleIndex, Span<float> destination)
    {
        var random = SampleRandom.For(seed, epoch, sampleIndex);
        var region = crop.SampleRegion(prepared.Width, prepared.Height, ref random);
        using var cropped = crop.Apply(prepared, region);
        if (flip && HorizontalFlip.Draw(ref random)) HorizontalFlip.Apply(cropped);
        ImageNetNormalization.WriteChw(cropped, destination);
    }
}
