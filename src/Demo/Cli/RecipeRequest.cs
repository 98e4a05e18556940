namespace MlNetResNet.Demo.Cli;

/// <summary>The recipe flags of <c>train</c>; null leaves an addition to the recipe.</summary>
public sealed record RecipeRequest(
    TrainingRecipe Recipe = ResNetClassifierEstimator.Defaults.Recipe, AugmentationPolicy? Augmentation = null, BatchMixing? Mixup = null,
    int? MixupOffEpoch = null, bool? Ema = null, double? EmaDecay = null,
    TestTimeAugmentation TestTimeAugmentation = TestTimeAugmentation.None)
{
    /// <summary>Writes these choices into <paramref name="options"/>.</summary>
    public void ApplyTo(ResNetClassifierOptions options)
    {
        options.Recipe = Recipe;
        options.Augmentation = Augmentation;
        options.Mixup = Mixup;
        options.MixupOffEpoch = MixupOffEpoch;
        options.Ema = Ema;
        options.EmaDecay = EmaDecay;
        options.TestTimeAugmentation = TestTimeAugmentation;
    }
}
