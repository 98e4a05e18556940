using MlNetResNet.Imaging;
using MlNetResNet;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Imaging;

public class ImageNetNormalizationTests
{
    [Fact]
    public void WritesPlanarChannelsWithImageNetMeanAndStd()
    {
        using var image = TestImages.Filled(3, 2, new Rgb24(0, 128, 255));
        image[2, 1] = new Rgb24(255, 0, 51);
        var output = new float[3 * 2 * 3];
        ImageNetNormalization.WriteChw(image, output);

        // Hand-computed: (v / 255 - mean) / std.
        Assert.Equal((0f - 0.485f) / 0.229f, output[0], 5);                 // R plane, (0,0)
        Assert.Equal((128f / 255f - 0.456f) / 0.224f, output[6], 5);        // G plane, (0,0)
        Assert.Equal((1f - 0.406f) / 0.225f, output[12], 5);                // B plane, (0,0)
        Assert.Equal((1f - 0.485f) / 0.229f, output[5], 5);                 // R plane, last pixel (2,1)
        Assert.Equal((0f - 0.456f) / 0.224f, output[11], 5);                // G plane, last pixel
        Assert.Equal((51f / 255f - 0.406f) / 0.225f, output[17], 5);        // B plane, last pixel
        Assert.Equal(2.2489083f, output[5], 5);
    }

    [Fact]
    public void RejectsADestinationOfTheWrongSize()
    {
        using var image = TestImages.Filled(4, 4, new Rgb24(1, 2, 3));
        Assert.Throws<ArgumentException>(() => ImageNetNormalization.WriteChw(image, new float[47]));
    }
}
