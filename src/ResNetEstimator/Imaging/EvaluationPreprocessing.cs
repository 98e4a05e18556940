using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>The evaluation transform: resize the shorter side, center-crop, ImageNet normalisation.</summary>
internal sealed class EvaluationPreprocessing : ISampleWriter
{
    public EvaluationPreprocessing(int resizeSize, int imageSize)
    {
        if (imageSize < 1) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Must be at least 1.");
        if (resizeSize < imageSize)
            throw new ArgumentOutOfRangeException(nameof(resizeSize), resizeSize, $"The resize side must be at least the crop size {imageSize}.");
        ResizeSize = resizeSize;
        ImageSize = imageSize;
    }

    public int ResizeSize { get; }

    public int ImageSize { get; }

    public void Write(Image<Rgb24> prepared, int epoch, int sampleIndex, Span<float> destination)
    {
        using var cropped = Crop(prepared);
        ImageNetNormalization.WriteChw(cropped, destination);
    }

    /// <summary>The resized, center-cropped copy of an image.</summary>
    public Image<Rgb24> Crop(Image<Rgb24> image)
    {
        // Cached images usually have the target shorter side already: then only the crop is left.
        if (Math.Min(image.Width, image.Height) == ResizeSize) return CenterCrop.Apply(image, ImageSize);
        using var resized = ResizeShorterSide.Apply(image, ResizeSize);
        return CenterCrop.Apply(resized, ImageSize);
    }
}
