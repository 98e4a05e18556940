using MlNetResNet.Imaging;
using MlNetResNet;
using SixLabors.ImageSharp;

namespace MlNetResNet.Tests.Imaging;

public class RandomResizedCropTests
{
    [Theory]
    [InlineData(500, 375)]
    [InlineData(64, 200)]
    [InlineData(37, 37)]
    public void RegionsStayInsideTheImageAndWithinScaleAndRatio(int width, int height)
    {
        var crop = new RandomResizedCrop(32, (0.08, 1.0), (3.0 / 4, 4.0 / 3));
        int fallbacks = 0;
        for (int sample = 0; sample < 2000; sample++)
        {
            var random = SampleRandom.For(seed: 7, epoch: 1, sample);
            var region = crop.SampleRegion(width, height, ref random);
            Assert.True(region.X >= 0 && region.Y >= 0 && region.Right <= width && region.Bottom <= height, $"{region} outside {width}x{height}");
            Assert.True(region.Width > 0 && region.Height > 0);
            double area = (double)region.Width * region.Height / (width * height);
            double ratio = (double)region.Width / region.Height;
            bool isFallback = region.Width == width || region.Height == height;
            if (isFallback) { fallbacks++; continue; }
            // Rounding w and h to whole pixels moves area and ratio a little beyond the sampled values.
            Assert.InRange(area, 0.08 * 0.8, 1.0);
            Assert.InRange(ratio, 0.75 * 0.85, 4.0 / 3 / 0.85);
        }
        Assert.True(fallbacks < 2000, "every draw fell back to the central crop");
    }

    [Fact]
    public void ImpossibleRatioFallsBackToTheCentredLargestAllowedCrop()
    {
        // A 100x10 strip cannot hold a square covering 90% of it, so all ten tries fail.
        var crop = new RandomResizedCrop(8, (0.9, 1.0), (1.0, 1.0));
        var random = SampleRandom.For(1, 1, 1);
        var region = crop.SampleRegion(100, 10, ref random);
        Assert.Equal(new Rectangle(45, 0, 10, 10), region);
    }

    [Fact]
    public void OutputIsTheRequestedSquareAndCopiesTheRegion()
    {
        using var image = TestImages.Coordinates(120, 90);
        var crop = new RandomResizedCrop(30, (0.08, 1.0), (0.75, 4.0 / 3));
        // Same-size region: the resize is the identity, so the output must equal the region pixel for pixel.
        using var output = crop.Apply(image, new Rectangle(17, 11, 30, 30));
        Assert.Equal(30, output.Width);
        Assert.Equal(30, output.Height);
        Assert.Equal(image[17, 11], output[0, 0]);
        Assert.Equal(image[46, 40], output[29, 29]);

        using var scaled = crop.Apply(image, new Rectangle(0, 0, 120, 90));
        Assert.Equal(30, scaled.Width);
        Assert.Equal(30, scaled.Height);
    }

    [Fact]
    public void SameSampleSameRegionDifferentSampleDifferentRegion()
    {
        var crop = new RandomResizedCrop(32, (0.08, 1.0), (0.75, 4.0 / 3));
        var first = SampleRandom.For(3, 2, 10);
        var again = SampleRandom.For(3, 2, 10);
        var other = SampleRandom.For(3, 2, 11);
        var a = crop.SampleRegion(400, 300, ref first);
        Assert.Equal(a, crop.SampleRegion(400, 300, ref again));
        Assert.NotEqual(a, crop.SampleRegion(400, 300, ref other));
    }
}
