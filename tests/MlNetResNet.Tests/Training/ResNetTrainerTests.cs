using MlNetResNet.Imaging;
using MlNetResNet;
using MlNetResNet.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.Training;

public sealed class ResNetTrainerTests(ITestOutputHelper output) : IDisposable
{
    private readonly TrainingFixtures fixtures = new();

    [Fact]
    public void LearnsGeneratedShapesToHighValidationAccuracy()
    {
        var train = fixtures.Shapes(120, seed: 1);
        var validation = fixtures.Shapes(45, seed: 2);
        var options = TrainingFixtures.Options(epochs: 4, batchSize: 16);
        options.MetricsCallback = metrics => output.WriteLine(metrics.ToString());

        var result = new ResNetTrainer(options).Train(train, validation, ShapeImages.Classes);
        using var network = result.Network;

        var best = result.History.Single(m => m.Epoch == result.BestEpoch);
        Assert.True(best.ValidationAccuracy >= 0.9, $"best validation accuracy {best.ValidationAccuracy:P1}");
        Assert.Equal(result.History.Max(m => m.ValidationAccuracy), best.ValidationAccuracy);
        Assert.False(network.training);
        Assert.False(result.Cancelled);
        Assert.Equal(4, result.History.Count);
    }

    [Fact]
    public void SameSeedGivesIdenticalHistoryWhateverTheWorkerCount()
    {
        var train = fixtures.Shapes(40, seed: 3);
        var validation = fixtures.Shapes(16, seed: 4);
        var options = TrainingFixtures.Options(epochs: 2);

        var first = new ResNetTrainer(options) { DataWorkers = 1 }.Train(train, validation, ShapeImages.Classes);
        var second = new ResNetTrainer(options) { DataWorkers = 3 }.Train(train, validation, ShapeImages.Classes);
        options.Seed = 12;
        var otherSeed = new ResNetTrainer(options).Train(train, validation, ShapeImages.Classes);
        using var a = first.Network;
        using var b = second.Network;
        using var c = otherSeed.Network;

        Assert.Equal(TrainingFixtures.Repeatable(first.History), TrainingFixtures.Repeatable(second.History));
        Assert.NotEqual(first.History[0].TrainLoss, otherSeed.History[0].TrainLoss);
        using var scope = torch.NewDisposeScope();
        foreach (var (name, tensor) in a.state_dict())
            Assert.True(tensor.equal(b.state_dict()[name]).all().item<bool>(), $"{name} differs between the two runs");
    }

    [Fact]
    public void CancellationStopsWithinOneBatchKeepsTheBestAndResumeContinuesExactly()
    {
        using var folder = new TempFolder();
        var train = fixtures.Shapes(40, seed: 5);
        var validation = fixtures.Shapes(16, seed: 6);

        // Uninterrupted reference run.
        var reference = new ResNetTrainer(TrainingFixtures.Options(epochs: 3)).Train(train, validation, ShapeImages.Classes);
        reference.Network.Dispose();

        // Cancel during epoch 2, batch 2: no further batch may run.
        using var cancel = new CancellationTokenSource();
        var interrupted = TrainingFixtures.Options(epochs: 3);
        interrupted.CheckpointDirectory = folder.Path;
        interrupted.CancellationToken = cancel.Token;
        int batchesAfterCancel = 0;
        interrupted.BatchCallback = progress =>
        {
            if (cancel.IsCancellationRequested) batchesAfterCancel++;
            if (progress.Epoch == 2 && progress.Batch == 2) cancel.Cancel();
        };
        var stopped = new ResNetTrainer(interrupted).Train(train, validation, ShapeImages.Classes);
        using (stopped.Network)
        {
            Assert.True(stopped.Cancelled);
            Assert.Equal(0, batchesAfterCancel);
            Assert.Single(stopped.History);
            Assert.Equal(1, stopped.BestEpoch);
            Assert.True(File.Exists(Path.Combine(folder.Path, "best-0001", "COMMITTED")));
            Assert.True(File.Exists(Path.Combine(folder.Path, "epoch-0001", "COMMITTED")));
        }

        // Resume: epochs 2 and 3 run from the epoch-1 checkpoint and match the uninterrupted run exactly.
        var resume = TrainingFixtures.Options(epochs: 3);
        resume.CheckpointDirectory = folder.Path;
        resume.Resume = true;
        var epochsRun = new List<int>();
        resume.MetricsCallback = metrics => epochsRun.Add(metrics.Epoch);
        var resumed = new ResNetTrainer(resume).Train(train, validation, ShapeImages.Classes);
        using (resumed.Network)
        {
            Assert.Equal(new[] { 2, 3 }, epochsRun);
            Assert.False(resumed.Cancelled);
            Assert.Equal(TrainingFixtures.Repeatable(reference.History), TrainingFixtures.Repeatable(resumed.History));
            Assert.Equal(reference.BestEpoch, resumed.BestEpoch);
        }
    }

    [Fact]
    public void SkipPolicyCountsACorruptImageAndGoesOn()
    {
        var (encoded, labels) = ShapeImages.Encoded(24, 40, seed: 7);
        encoded[5] = new byte[] { 1, 2, 3, 4, 5 };
        var train = new EncodedImageSource(encoded, labels);
        var validation = fixtures.Shapes(9, seed: 8);

        var result = new ResNetTrainer(TrainingFixtures.Options(epochs: 2)).Train(train, validation, ShapeImages.Classes);
        using var network = result.Network;

        Assert.Equal(1, result.SkippedImages);
        Assert.Contains("row 5", result.SkippedDescriptions[0]);
        Assert.Equal(new[] { 1, 1 }, result.History.Select(m => m.SkippedImages));
        Assert.All(result.History, m => Assert.True(double.IsFinite(m.TrainLoss)));
    }

    [Fact]
    public void ThrowPolicyNamesTheCorruptImage()
    {
        var (encoded, labels) = ShapeImages.Encoded(24, 40, seed: 7);
        encoded[13] = new byte[] { 0x89, 0x50, 0x4E, 0x47, 9, 9, 9 };
        var train = new EncodedImageSource(encoded, labels);
        var options = TrainingFixtures.Options(epochs: 1);
        options.InvalidImages = InvalidImagePolicy.Throw;

        var error = Assert.Throws<InvalidImageException>(() =>
            new ResNetTrainer(options).Train(train, fixtures.Shapes(6, seed: 9), ShapeImages.Classes));
        Assert.Equal("row 13", error.ImageSource);
    }

    public void Dispose() => fixtures.Dispose();
}
