using MlNetResNet.Imaging;
using MlNetResNet.Imaging.Augmentation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Recipe;

public sealed class TrivialAugmentTests
{
    // Names, not the internal enum: a public test method cannot take an internal type.
    public static TheoryData<string> IdentityAtMagnitudeZero => new()
    {
        "Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color", "Contrast", "Sharpness",
    };

    [Theory]
    [MemberData(nameof(IdentityAtMagnitudeZero))]
    public void TheFirstMagnitudeBinLeavesTheImageAsItIs(string name)
    {
        var operation = Enum.Parse<TrivialAugmentOperation>(name);
        var grid = Grid(19, 13, seed: 1);
        var before = grid.Pixels.ToArray();
        Assert.Equal(0, TrivialAugmentWide.Magnitude(operation, 0));
        TrivialAugmentWide.Apply(grid, operation, 0);
        Assert.Equal(before, grid.Pixels);
    }

    [Fact]
    public void PosterizeAtEightBitsAndSolarizeAboveTheTopValueAreIdentities()
    {
        var grid = Grid(8, 8, seed: 2);
        var before = grid.Pixels.ToArray();
        Assert.Equal(8, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Posterize, 0));
        TrivialAugmentWide.Apply(grid, TrivialAugmentOperation.Posterize, 8);
        TrivialAugmentWide.Apply(grid, TrivialAugmentOperation.Solarize, 256);
        Assert.Equal(before, grid.Pixels);
    }

    [Fact]
    public void TheMagnitudeTablesAreTorchvisionsWideOnes()
    {
        Assert.Equal(0.99, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.ShearX, 30), 12);
        Assert.Equal(32, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.TranslateY, 30), 12);
        Assert.Equal(135, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Rotate, 30), 12);
        Assert.Equal(0.99 / 2, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Contrast, 15), 12);
        // torchvision: 8 - round(arange(31) / 5) -> 8, 8, 8, 7, ... 2.
        var bits = Enumerable.Range(0, 31).Select(bin => (int)TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Posterize, bin)).ToArray();
        Assert.Equal([8, 8, 8, 7, 7, 7, 7, 7, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 2, 2], bits);
        Assert.Equal(255, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Solarize, 0), 12);
        Assert.Equal(0, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Solarize, 30), 12);
        Assert.Equal(0, TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Equalize, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrivialAugmentWide.Magnitude(TrivialAugmentOperation.Rotate, 31));
    }

    [Fact]
    public void DrawsCoverEveryOperationEveryBinAndBothSignsUniformly()
    {
        var operations = new int[14];
        var bins = new HashSet<(TrivialAugmentOperation, double)>();
        int negative = 0, signed = 0;
        for (int sample = 0; sample < 14_000; sample++)
        {
            var random = SampleRandom.For(seed: 5, epoch: 1, sample);
            var (operation, magnitude) = TrivialAugmentWide.Draw(ref random);
            operations[(int)operation]++;
            bins.Add((operation, Math.Abs(magnitude)));
            if (!TrivialAugmentWide.IsSigned(operation)) continue;
            signed++;
            if (magnitude < 0) negative++;
        }
        Assert.All(operations, count => Assert.InRange(count, 850, 1150));
        // 31 bins for every operation with a magnitude (bin 0 of a signed one is 0 either way).
        Assert.Equal(31, bins.Count(b => b.Item1 == TrivialAugmentOperation.Rotate));
        Assert.Equal(7, bins.Count(b => b.Item1 == TrivialAugmentOperation.Posterize));
        Assert.InRange(negative / (double)signed, 0.45, 0.55);
    }

    [Fact]
    public void TheTrainingTransformIsTheSameForTheSameSeedEpochAndSampleAndKeepsItsShape()
    {
        using var image = Image.LoadPixelData<Rgb24>(TrivialAugmentParityTests.TestPixels(40, 36, seed: 4), 40, 36);
        foreach (var policy in Enum.GetValues<AugmentationPolicy>())
        {
            var augmentation = new TrainingAugmentation(new RandomResizedCrop(24, (0.08, 1), (0.75, 4.0 / 3)), true, seed: 9, policy);
            var first = new float[3 * 24 * 24];
            var again = new float[3 * 24 * 24];
            var otherSample = new float[3 * 24 * 24];
            augmentation.Write(image, epoch: 2, sampleIndex: 7, first);
            augmentation.Write(image, epoch: 2, sampleIndex: 7, again);
            augmentation.Write(image, epoch: 2, sampleIndex: 8, otherSample);
            Assert.Equal(first, again);
            Assert.NotEqual(first, otherSample);
        }
    }

    [Fact]
    public void WithoutTrivialAugmentTheTransformIsTheSeedRecipesBitForBit()
    {
        using var image = Image.LoadPixelData<Rgb24>(TrivialAugmentParityTests.TestPixels(40, 36, seed: 4), 40, 36);
        var crop = new RandomResizedCrop(24, (0.08, 1), (0.75, 4.0 / 3));
        var seedRecipe = new float[3 * 24 * 24];
        var cropFlip = new float[3 * 24 * 24];
        var trivial = new float[3 * 24 * 24];
        new TrainingAugmentation(crop, true, seed: 9).Write(image, 1, 3, seedRecipe);
        new TrainingAugmentation(crop, true, seed: 9, AugmentationPolicy.CropFlip).Write(image, 1, 3, cropFlip);
        Assert.Equal(seedRecipe, cropFlip);
        // Over a few samples TrivialAugment changes at least one (one draw in 14 is the identity).
        bool changed = false;
        for (int sample = 0; sample < 8 && !changed; sample++)
        {
            new TrainingAugmentation(crop, true, seed: 9).Write(image, 1, sample, seedRecipe);
            new TrainingAugmentation(crop, true, seed: 9, AugmentationPolicy.TrivialAugment).Write(image, 1, sample, trivial);
            changed = !seedRecipe.SequenceEqual(trivial);
        }
        Assert.True(changed);
    }

    private static PixelGrid Grid(int width, int height, int seed)
    {
        var grid = new PixelGrid(width, height);
        TrivialAugmentParityTests.TestPixels(width, height, seed).CopyTo(grid.Pixels, 0);
        return grid;
    }
}
