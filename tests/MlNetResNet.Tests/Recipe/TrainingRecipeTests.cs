using MlNetResNet.Training.Recipe;

namespace MlNetResNet.Tests.Recipe;

public sealed class TrainingRecipeTests
{
    [Fact]
    public void TheSeedRecipeTurnsEveryAdditionOff()
    {
        var choices = RecipeChoices.Resolve(new ResNetClassifierOptions { Recipe = TrainingRecipe.Seed });
        Assert.Equal(AugmentationPolicy.CropFlip, choices.Augmentation);
        Assert.Equal(BatchMixing.None, choices.Mixup);
        Assert.False(choices.Ema);
        Assert.Equal(ClassWeighting.None, choices.ClassWeighting);
        Assert.DoesNotContain(true, Enumerable.Range(1, 20).Select(choices.MixesIn));
        Assert.Equal(TestTimeAugmentation.None, new ResNetClassifierOptions { Recipe = TrainingRecipe.Seed }.TestTimeAugmentation);
    }

    [Fact]
    public void TheDefaultIsTheModernRecipeAndEachAdditionsOwnOptionOverridesTheRecipe()
    {
        var defaults = new ResNetClassifierOptions();
        Assert.Equal(TrainingRecipe.Modern, defaults.Recipe);
        Assert.Equal(RecipeChoices.Modern, RecipeChoices.Resolve(defaults));
        Assert.Equal(TrainingRecipe.Modern, new ResNetTrainerOptions().Recipe);
        Assert.Equal(TestTimeAugmentation.None, defaults.TestTimeAugmentation);
        Assert.Equal(RecipeChoices.Modern, RecipeChoices.Resolve(new ResNetClassifierOptions { Recipe = TrainingRecipe.Modern }));
        Assert.True(RecipeChoices.Modern.Ema);
        Assert.Equal(ClassWeighting.Balanced, RecipeChoices.Modern.ClassWeighting);

        var overridden = RecipeChoices.Resolve(new ResNetClassifierOptions
        {
            Recipe = TrainingRecipe.Seed, Augmentation = AugmentationPolicy.TrivialAugmentErasing, Mixup = BatchMixing.MixupCutMix,
            Ema = true, ClassWeighting = ClassWeighting.Balanced,
        });
        Assert.Equal(new RecipeChoices(AugmentationPolicy.TrivialAugmentErasing, BatchMixing.MixupCutMix, 8, true, null, ClassWeighting.Balanced),
            overridden);
        var off = RecipeChoices.Resolve(new ResNetClassifierOptions
        {
            Recipe = TrainingRecipe.Modern, Augmentation = AugmentationPolicy.CropFlip, Mixup = BatchMixing.None, Ema = false, ClassWeighting = ClassWeighting.None,
        });
        Assert.Equal(RecipeChoices.Seed, off);
    }

    [Fact]
    public void PlannedRunsLeaveTheWeightAverageOutOfTheRecipeAndRefuseAnExplicitRequest()
    {
        const TrainingRecipe modern = TrainingRecipe.Modern;
        Assert.True(RecipeChoices.Resolve(new ResNetClassifierOptions { Recipe = modern, CheckpointDirectory = "checkpoints" }).Ema);
        Assert.False(RecipeChoices.Resolve(new ResNetClassifierOptions { Recipe = modern, FineTuning = FineTuningMode.TwoStage }).Ema);
        Assert.False(RecipeChoices.Resolve(new ResNetClassifierOptions { Recipe = modern, TimeBudget = TimeSpan.FromMinutes(1) }).Ema);
        Assert.Equal(ClassWeighting.None,
            RecipeChoices.Resolve(new ResNetClassifierOptions { Recipe = modern, FineTuning = FineTuningMode.HeadOnly }).ClassWeighting);

        var planned = Assert.Throws<ArgumentException>(() => new ResNetTrainer(new ResNetClassifierOptions { FineTuning = FineTuningMode.HeadOnly, Ema = true }));
        Assert.Contains("Ema", planned.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetTrainer(new ResNetClassifierOptions { EmaDecay = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetTrainer(new ResNetClassifierOptions { MixupOffEpoch = -1 }));
    }
}
