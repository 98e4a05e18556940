using MlNetResNet.Demo.Cli;

namespace MlNetResNet.Tests.Demo;

/// <summary><c>train --recipe</c> and the flags of its additions: names, defaults (the recipe's), and errors that list the names.</summary>
public sealed class RecipeFlagTests
{
    private static readonly DemoCommandLine Cli = new((_, _) => Task.FromResult(0));

    private static RecipeRequest Recipe(params string[] flags) =>
        Assert.IsType<TrainRequest>(Cli.ToRequest(Cli.Parse(["train", "--data", "d", .. flags]))).Recipe;

    private static string Errors(params string[] flags) =>
        string.Join(" | ", Cli.Parse(["train", "--data", "d", .. flags]).Errors.Select(error => error.Message));

    [Fact]
    public void WithoutFlagsEveryAdditionIsLeftToTheDefaultRecipe()
    {
        Assert.Equal(new RecipeRequest(), Recipe());
        var options = new ResNetClassifierOptions();
        options.Recipe = TrainingRecipe.Seed;
        Recipe().ApplyTo(options);
        Assert.Equal(TrainingRecipe.Modern, options.Recipe);
        Assert.Null(options.Augmentation);
        Assert.Null(options.Mixup);
        Assert.Null(options.Ema);
        Assert.Equal(TestTimeAugmentation.None, options.TestTimeAugmentation);
    }

    [Fact]
    public void EveryFlagReachesTheOptions()
    {
        var options = new ResNetClassifierOptions();
        Assert.Equal(TrainingRecipe.Modern, Recipe("--recipe", "modern").Recipe);
        Recipe("--recipe", "seed", "--augment", "trivial-erasing", "--mixup", "mixup-cutmix", "--mixup-off-epoch", "4", "--ema", "on",
            "--ema-decay", "0.99", "--tta", "flip").ApplyTo(options);
        Assert.Equal(TrainingRecipe.Seed, options.Recipe);
        Assert.Equal(AugmentationPolicy.TrivialAugmentErasing, options.Augmentation);
        Assert.Equal(BatchMixing.MixupCutMix, options.Mixup);
        Assert.Equal(4, options.MixupOffEpoch);
        Assert.True(options.Ema);
        Assert.Equal(0.99, options.EmaDecay);
        Assert.Equal(TestTimeAugmentation.HorizontalFlip, options.TestTimeAugmentation);
        Assert.Equal(AugmentationPolicy.TrivialAugment, Recipe("--augment", "trivial").Augmentation);
        Assert.Equal(AugmentationPolicy.CropFlip, Recipe("--augment", "crop-flip").Augmentation);
        Assert.False(Recipe("--ema", "off").Ema);
    }

    [Theory]
    [InlineData("--recipe", "timm", "modern or seed")]
    [InlineData("--augment", "autoaugment", "crop-flip, trivial or trivial-erasing")]
    [InlineData("--mixup", "cutmix", "none or mixup-cutmix")]
    [InlineData("--ema", "yes", "on or off")]
    [InlineData("--tta", "five-crop", "none or flip")]
    [InlineData("--ema-decay", "1.5", "[0, 1)")]
    public void AnUnknownValueIsAnErrorListingTheAcceptedOnes(string flag, string value, string accepted)
    {
        string errors = Errors(flag, value);
        Assert.Contains(accepted, errors);
        Assert.Contains(value, errors);
    }
}
