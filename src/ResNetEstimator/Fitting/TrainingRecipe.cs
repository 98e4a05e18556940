namespace MlNetResNet;

/// <summary>
/// A set of choices for the training additions (augmentation, Mixup/CutMix, weight averaging, class weighting). Each
/// addition's own option, when set, overrides the recipe's choice. docs/RECIPE.md holds the ablation behind them.
/// </summary>
public enum TrainingRecipe
{
    /// <summary>
    /// The weight average and balanced class weights: the two additions that raised macro accuracy in the cumulative
    /// ablation (docs/RECIPE.md). On the plain seed recipe they did not, so this is not the default.
    /// </summary>
    Modern,

    /// <summary>
    /// The seed recipe, and the default: RandomResizedCrop + horizontal flip, no TrivialAugment, RandomErasing,
    /// Mixup/CutMix, weight average or class weighting (the optimizer, learning rate and epochs are their own options).
    /// </summary>
    Seed,
}
