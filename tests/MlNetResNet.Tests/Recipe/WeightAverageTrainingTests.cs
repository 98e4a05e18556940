using MlNetResNet.Training.Format;
using MlNetResNet.Tests.Training;
using MlNetResNet.Training;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.Recipe;

public sealed class WeightAverageTrainingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TrainingFixtures fixtures = new();

    [Fact]
    public void TheReturnedWeightsAreTheCopyThatScoredBetterAndValidateAsRecorded()
    {
        var train = fixtures.Shapes(48, seed: 21);
        var validation = fixtures.Shapes(24, seed: 22);
        var options = TrainingFixtures.Options(epochs: 3);
        options.Recipe = TrainingRecipe.Seed;
        options.Ema = true;
        options.MetricsCallback = metrics => output.WriteLine(metrics.ToString());

        var result = new ResNetTrainer(options).Train(train, validation, ShapeImages.Classes);
        using var network = result.Network;
        var best = result.History.Single(m => m.Epoch == result.BestEpoch);

        // What the returned network scores on the validation images is what the best epoch recorded, whichever copy that was.
        var check = options.Copy();
        check.Ema = false;
        using var session = new TrainingSession(check, StepFormat.Resolve(check, TorchSharp.torch.CPU), network, TorchSharp.torch.CPU,
            train, validation, check.Seed, workers: 1);
        var again = session.Validate(CancellationToken.None);
        Assert.Equal(best.ValidationLoss, again.MeanLoss, 4);
        Assert.Equal(best.ValidationAccuracy, again.Accuracy, 6);
        // This seed's run has epochs of both kinds, so both branches of the choice ran.
        Assert.Contains(result.History, m => m.UsedWeightAverage);
        Assert.Contains(result.History, m => !m.UsedWeightAverage);
    }

    [Fact]
    public void ACheckpointCarriesTheAverageSoAResumedRunEndsAsAnUninterruptedOne()
    {
        using var folder = new MlNetResNet.Tests.Support.TempFolder();
        var train = fixtures.Shapes(32, seed: 23);
        var validation = fixtures.Shapes(12, seed: 24);
        ResNetClassifierOptions Options()
        {
            var options = TrainingFixtures.Options(epochs: 3);
            options.Recipe = TrainingRecipe.Seed;
            options.Ema = true;
            return options;
        }

        var reference = new ResNetTrainer(Options()).Train(train, validation, ShapeImages.Classes);
        using var referenceNetwork = reference.Network;

        // Stop after epoch 1 (its checkpoint holds the average), then resume.
        using var cancel = new CancellationTokenSource();
        var interrupted = Options();
        interrupted.CheckpointDirectory = folder.Path;
        interrupted.CancellationToken = cancel.Token;
        interrupted.MetricsCallback = _ => cancel.Cancel();
        new ResNetTrainer(interrupted).Train(train, validation, ShapeImages.Classes).Network.Dispose();
        Assert.True(File.Exists(Path.Combine(folder.Path, "epoch-0001", CheckpointStore.AverageFile)));

        var resume = Options();
        resume.CheckpointDirectory = folder.Path;
        resume.Resume = true;
        var resumed = new ResNetTrainer(resume).Train(train, validation, ShapeImages.Classes);
        using var resumedNetwork = resumed.Network;
        Assert.Equal(TrainingFixtures.Repeatable(reference.History), TrainingFixtures.Repeatable(resumed.History));
        Assert.Equal(reference.History.Select(m => m.UsedWeightAverage), resumed.History.Select(m => m.UsedWeightAverage));
        using var scope = TorchSharp.torch.NewDisposeScope();
        foreach (var (name, tensor) in referenceNetwork.state_dict())
            Assert.True(tensor.equal(resumedNetwork.state_dict()[name]).all().item<bool>(), $"{name} differs after resuming");

        // A checkpoint without the average does not resume a run with one.
        var without = Options();
        without.Ema = false;
        without.CheckpointDirectory = folder.Path;
        without.Resume = true;
        var mismatch = Assert.Throws<InvalidOperationException>(() => new ResNetTrainer(without).Train(train, validation, ShapeImages.Classes));
        Assert.Contains("weight average", mismatch.Message);
    }

    [Fact]
    public void TheAverageWinsOnHigherSelectionAccuracyAndTiesGoToTheLowerLoss()
    {
        var live = new PassOutcome(true, MeanLoss: 0.5, Accuracy: 0.8, 10, 1, double.NaN, MacroAccuracy: 0.6);
        Assert.True(ResNetTrainer.ScoresBetter(live with { Accuracy = 0.9 }, live, onMacro: false));
        Assert.False(ResNetTrainer.ScoresBetter(live with { Accuracy = 0.9 }, live, onMacro: true));
        Assert.True(ResNetTrainer.ScoresBetter(live with { MeanLoss = 0.4 }, live, onMacro: true));
        Assert.False(ResNetTrainer.ScoresBetter(live, live, onMacro: false));
    }

    public void Dispose() => fixtures.Dispose();
}
