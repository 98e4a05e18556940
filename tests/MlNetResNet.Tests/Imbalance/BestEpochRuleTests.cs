using MlNetResNet.Training;
using MlNetResNet;

namespace MlNetResNet.Tests.Imbalance;

/// <summary>Which epoch counts as best when micro and macro accuracy disagree.</summary>
public sealed class BestEpochRuleTests
{
    // Epoch 2 gets the large class right and the small one wrong; epoch 3 trades some of the large class for the small one.
    private static readonly EpochMetrics[] History =
    [
        new(1, 1.0, 1.0, 0.60, 1e-3, 1, 1, 0) { ValidationMacroAccuracy = 0.50 },
        new(2, 0.8, 0.7, 0.90, 1e-3, 1, 1, 0) { ValidationMacroAccuracy = 0.55 },
        new(3, 0.7, 0.8, 0.85, 1e-3, 1, 1, 0) { ValidationMacroAccuracy = 0.80 },
    ];

    private static int BestEpoch(bool onMacro)
    {
        var progress = new ProgressState();
        foreach (var epoch in History) ResNetTrainer.RecordBest(progress, epoch, hasValidation: true, onMacro);
        return progress.BestEpoch;
    }

    [Fact]
    public void OnMacroAccuracyTheEpochThatServesTheSmallClassWins() => Assert.Equal(3, BestEpoch(onMacro: true));

    [Fact]
    public void OnMicroAccuracyTheEpochWithMostImagesRightWins() => Assert.Equal(2, BestEpoch(onMacro: false));
}
