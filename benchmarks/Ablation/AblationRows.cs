namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>
/// The rows: the seed recipe, then each addition on top of all the previous ones (the order), then the modern
/// recipe as the library resolves it, the modern recipe with TrivialAugment, and the seed recipe fine-tuned in two stages
/// (head on cached features, then the network). The seed recipe at the modern recipe's
/// wall time is added per seed by <see cref="AblationRun"/>, because its epoch count depends on the measured times.
/// </summary>
internal static class AblationRows
{
    public const string Seed = "seed recipe";
    public const string Modern = "modern recipe (EMA + balanced)";
    public const string SeedAtModernTime = "seed recipe, modern's wall time";
    public const string ModernWithTrivialAugment = "modern + TrivialAugment";
    public const string TwoStage = "two-stage (seed recipe)";

    public static IReadOnlyList<AblationRow> All { get; } =
    [
        new(Seed, o => o.Recipe = TrainingRecipe.Seed),
        new("+ TrivialAugment", o => Cumulative(o, 1)),
        new("+ RandomErasing", o => Cumulative(o, 2)),
        new("+ Mixup/CutMix", o => Cumulative(o, 3)),
        new("+ EMA", o => Cumulative(o, 4)),
        new("+ balanced weighting", o => Cumulative(o, 5)),
        new("+ TTA (flip)", o => Cumulative(o, 6)),
        new(Modern, o => o.Recipe = TrainingRecipe.Modern),
        new(ModernWithTrivialAugment, o =>
        {
            o.Recipe = TrainingRecipe.Modern;
            o.Augmentation = AugmentationPolicy.TrivialAugment;
        }),
        // The time-to-accuracy run's planned fine-tuning; the weight average and class weights are Full's only.
        new(TwoStage, o =>
        {
            o.Recipe = TrainingRecipe.Seed;
            o.FineTuning = FineTuningMode.TwoStage;
        }),
    ];

    // The first `additions` additions on top of the seed recipe.
    private static void Cumulative(ResNetClassifierOptions o, int additions)
    {
        o.Recipe = TrainingRecipe.Seed;
        o.Augmentation = additions >= 2 ? AugmentationPolicy.TrivialAugmentErasing : AugmentationPolicy.TrivialAugment;
        if (additions >= 3) o.Mixup = BatchMixing.MixupCutMix;
        if (additions >= 4) o.Ema = true;
        if (additions >= 5) o.ClassWeighting = ClassWeighting.Balanced;
        if (additions >= 6) o.TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip;
    }
}
