using MlNetResNet.Imaging;
using MlNetResNet.Imaging.Augmentation;

namespace MlNetResNet.Tests.Recipe;

public sealed class RandomErasingTests
{
    [Fact]
    public void ErasedRegionsStayWithinTheAreaAndRatioBoundsAndHappenAboutHalfTheTime()
    {
        var erasing = new RandomErasing();
        const int side = 64;
        int erased = 0;
        for (int sample = 0; sample < 4000; sample++)
        {
            var random = SampleRandom.For(3, 1, sample);
            if (erasing.Draw(side, side, ref random) is not { } region) continue;
            erased++;
            Assert.InRange(region.X, 0, side - region.Width);
            Assert.InRange(region.Y, 0, side - region.Height);
            Assert.True(region.Width < side && region.Height < side);
            double area = region.Width * region.Height / (double)(side * side);
            // Sides are rounded to whole pixels, which moves the area by up to about one row and one column.
            Assert.InRange(area, 0.02 - 2.0 / side, 0.33 + 2.0 * Math.Sqrt(0.33) / side + 1.0 / (side * side));
            double ratio = region.Height / (double)region.Width;
            Assert.InRange(ratio, 0.3 * 0.8, 3.3 / 0.8);
        }
        Assert.InRange(erased / 4000.0, 0.46, 0.54);
    }

    [Fact]
    public void ErasingZeroesTheRegionInEveryPlaneAndNothingElse()
    {
        const int width = 10, height = 8;
        var chw = Enumerable.Range(1, 3 * width * height).Select(i => (float)i).ToArray();
        RandomErasing.Erase(chw, width, height, (X: 2, Y: 3, Width: 4, Height: 2));
        for (int channel = 0; channel < 3; channel++)
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int index = channel * width * height + y * width + x;
            bool inside = x is >= 2 and < 6 && y is >= 3 and < 5;
            Assert.Equal(inside ? 0f : index + 1, chw[index]);
        }
    }

    [Fact]
    public void TheSameGeneratorGivesTheSameRegion()
    {
        var first = SampleRandom.For(8, 2, 5);
        var second = SampleRandom.For(8, 2, 5);
        Assert.Equal(new RandomErasing { Probability = 1 }.Draw(32, 32, ref first), new RandomErasing { Probability = 1 }.Draw(32, 32, ref second));
    }
}
