namespace MlNetResNet;

/// <summary>
/// A set of choices for the training additions (augmentation, Mixup/CutMix, weight averaging, class weighting). Each
/// addition's own option, when set, overrides the recipe's choice. docs/RECIPE.md holds the ablation behind them.
/// </summary>
public enum TrainingRecipe
{
    /// <summary>The additions that the ablation measured to help (docs/RECIPE.md lists which).</summary>
    Modern,

    /// <summary>
    /// The seed recipe: RandomResizedCrop + horizontal flip, no TrivialAugment, RandomErasing, Mixup/CutMix, weight
    /// average or class weighting (the optimizer, learning rate and epochs are their own options).
    /// </summary>
    Seed,
}
