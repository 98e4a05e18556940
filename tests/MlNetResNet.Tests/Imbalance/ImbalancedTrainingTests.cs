using MlNetResNet.Imaging;
using MlNetResNet;
using MlNetResNet.Tests.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.Imbalance;

/// <summary>The trainer on drawn shapes where one class is rare (10:1), as in real photo folders.</summary>
public sealed class ImbalancedTrainingTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<Image<Rgb24>> images = [];

    [Theory]
    // The plain run, with balanced weights on the 10:1 training set.
    [InlineData(FineTuningMode.Full, 4, 4)]
    // The planned stages: the head stage (epoch 1, which picks its best head epoch by the same rule) and two stage-2 epochs.
    [InlineData(FineTuningMode.TwoStage, 2, 3)]
    public void OnAnUnbalancedValidationSetTheBestEpochIsTheOneWithTheHighestMacroAccuracy(FineTuningMode mode, int epochs, int recorded)
    {
        var options = TrainingFixtures.Options(epochs);
        options.FineTuning = mode;
        if (mode == FineTuningMode.Full) options.ClassWeighting = ClassWeighting.Balanced;

        var result = new ResNetTrainer(options).Train(Source([30, 30, 3], seed: 21), Source([20, 20, 4], seed: 22), ShapeImages.Classes);
        using var network = result.Network;

        foreach (var epoch in result.History)
            output.WriteLine($"epoch {epoch.Epoch}: micro {epoch.ValidationAccuracy:F3}, macro {epoch.ValidationMacroAccuracy:F3}, loss {epoch.ValidationLoss:F3}");
        Assert.True(result.SelectedOnMacroAccuracy);
        Assert.Equal(recorded, result.History.Count);
        Assert.All(result.History, epoch => Assert.InRange(epoch.ValidationMacroAccuracy, 0, 1));
        double bestMacro = result.History.Max(epoch => epoch.ValidationMacroAccuracy);
        Assert.Equal(bestMacro, result.History.Single(epoch => epoch.Epoch == result.BestEpoch).ValidationMacroAccuracy);
    }

    [Fact]
    public void OnABalancedValidationSetTheBestEpochStaysTheOneWithTheHighestMicroAccuracy()
    {
        var train = Source([12, 12, 12], seed: 23);
        var validation = Source([6, 6, 6], seed: 24);

        var result = new ResNetTrainer(TrainingFixtures.Options(epochs: 2)).Train(train, validation, ShapeImages.Classes);
        using var network = result.Network;

        Assert.False(result.SelectedOnMacroAccuracy);
        // Equal class sizes: macro accuracy is the mean recall, which then equals micro accuracy.
        Assert.All(result.History, epoch => Assert.Equal(epoch.ValidationAccuracy, epoch.ValidationMacroAccuracy, 12));
    }

    [Fact]
    public void BalancedWeightingChangesTheTrainingLossOfAnUnbalancedSet()
    {
        var train = Source([30, 30, 3], seed: 25);
        var validation = Source([6, 6, 6], seed: 26);
        var plain = TrainingFixtures.Options(epochs: 1);
        plain.ClassWeighting = ClassWeighting.None;
        var weighted = TrainingFixtures.Options(epochs: 1);
        weighted.ClassWeighting = ClassWeighting.Balanced;

        var withoutWeights = new ResNetTrainer(plain).Train(train, validation, ShapeImages.Classes);
        var withWeights = new ResNetTrainer(weighted).Train(train, validation, ShapeImages.Classes);
        using var a = withoutWeights.Network;
        using var b = withWeights.Network;

        // Same seed and data: only the loss weights differ, so the first epoch's mean training loss must differ.
        output.WriteLine($"train loss: none {withoutWeights.History[0].TrainLoss:F5}, balanced {withWeights.History[0].TrainLoss:F5}");
        Assert.NotEqual(withoutWeights.History[0].TrainLoss, withWeights.History[0].TrainLoss);
        Assert.True(double.IsFinite(withWeights.History[0].TrainLoss));
    }

    private InMemoryImageSource Source(int[] perClass, int seed)
    {
        var random = new Random(seed);
        var drawn = new List<Image<Rgb24>>();
        var labels = new List<int>();
        for (int shape = 0; shape < perClass.Length; shape++)
        {
            for (int i = 0; i < perClass[shape]; i++)
            {
                drawn.Add(ShapeImages.Draw(shape, 40, random));
                labels.Add(shape);
            }
        }
        images.AddRange(drawn);
        return new InMemoryImageSource(drawn, labels);
    }

    public void Dispose()
    {
        foreach (var image in images) image.Dispose();
    }
}
