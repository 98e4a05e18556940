using MlNetResNet.Imaging;
using MlNetResNet;

namespace MlNetResNet.Tests.Imaging;

public class HorizontalFlipTests
{
    [Fact]
    public void FlipMirrorsEveryRow()
    {
        using var image = TestImages.Coordinates(7, 5);
        using var flipped = image.Clone();
        HorizontalFlip.Apply(flipped);
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 7; x++)
                Assert.Equal(image[6 - x, y], flipped[x, y]);
    }

    [Fact]
    public void AboutHalfOfTheSamplesAreFlipped()
    {
        int flipped = 0;
        for (int sample = 0; sample < 4000; sample++)
        {
            var random = SampleRandom.For(1, 1, sample);
            if (HorizontalFlip.Draw(ref random)) flipped++;
        }
        Assert.InRange(flipped, 1800, 2200);
    }
}
