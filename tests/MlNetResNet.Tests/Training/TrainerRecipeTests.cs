using System.Diagnostics;
using MlNetResNet.Imaging;
using MlNetResNet;
using MlNetResNet.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Training;

/// <summary>Freezing, early stopping, optimizers, keep-best and memory over epochs.</summary>
public sealed class TrainerRecipeTests(ITestOutputHelper output) : IDisposable
{
    private readonly TrainingFixtures fixtures = new();

    [Fact]
    public void FreezeBackboneTrainsOnlyFcAndKeepsBatchNormStatistics()
    {
        var options = TrainingFixtures.Options(epochs: 1);
        options.FreezeBackbone = true;
        using var initial = InitialNetwork(options);
        var result = new ResNetTrainer(options).Train(fixtures.Shapes(24, 1), fixtures.Shapes(6, 2), ShapeImages.Classes);
        using var trained = result.Network;

        var before = initial.state_dict();
        foreach (var (name, tensor) in trained.state_dict())
        {
            bool same = tensor.equal(before[name]).all().item<bool>();
            if (name.StartsWith("fc.", StringComparison.Ordinal)) Assert.False(same, $"{name} did not train");
            else Assert.True(same, $"{name} changed although the backbone is frozen");
        }
    }

    [Fact]
    public void TrainableStagesOneTrainsLayer4AndFcOnly()
    {
        var options = TrainingFixtures.Options(epochs: 1);
        options.TrainableStages = 1;
        using var initial = InitialNetwork(options);
        var result = new ResNetTrainer(options).Train(fixtures.Shapes(24, 1), fixtures.Shapes(6, 2), ShapeImages.Classes);
        using var trained = result.Network;

        var before = initial.state_dict();
        var after = trained.state_dict();
        Assert.True(after["layer3.1.conv2.weight"].equal(before["layer3.1.conv2.weight"]).all().item<bool>());
        Assert.True(after["layer3.1.bn2.running_mean"].equal(before["layer3.1.bn2.running_mean"]).all().item<bool>());
        Assert.True(after["conv1.weight"].equal(before["conv1.weight"]).all().item<bool>());
        Assert.False(after["layer4.1.conv2.weight"].equal(before["layer4.1.conv2.weight"]).all().item<bool>());
        Assert.False(after["layer4.1.bn2.running_mean"].equal(before["layer4.1.bn2.running_mean"]).all().item<bool>());
        Assert.False(after["fc.weight"].equal(before["fc.weight"]).all().item<bool>());
    }

    [Fact]
    public void EarlyStoppingEndsTrainingAfterPatienceEpochsWithoutGain()
    {
        // A frozen backbone and a vanishing learning rate: validation accuracy cannot move.
        var options = TrainingFixtures.Options(epochs: 6);
        options.FreezeBackbone = true;
        options.LearningRate = 1e-12;
        options.EarlyStoppingPatience = 2;
        using var folder = new TempFolder();
        options.CheckpointDirectory = folder.Path;
        var train = fixtures.Shapes(16, 1);
        var validation = fixtures.Shapes(9, 2);
        var result = new ResNetTrainer(options).Train(train, validation, ShapeImages.Classes);
        using var network = result.Network;

        Assert.Equal(3, result.History.Count); // epoch 1 sets the reference, 2 and 3 do not beat it
        Assert.Equal(1, result.BestEpoch);
        Assert.False(result.Cancelled);

        // A finished run stays finished: resuming it trains nothing more.
        options.Resume = true;
        int epochsRun = 0;
        options.MetricsCallback = _ => epochsRun++;
        var resumed = new ResNetTrainer(options).Train(train, validation, ShapeImages.Classes);
        using var resumedNetwork = resumed.Network;
        Assert.Equal(0, epochsRun);
        Assert.Equal(3, resumed.History.Count);
        Assert.Equal(1, resumed.BestEpoch);
    }

    [Theory]
    [InlineData(ResNetOptimizer.Sgd, LearningRateSchedule.OneCycle)]
    [InlineData(ResNetOptimizer.AdamW, LearningRateSchedule.CosineWithWarmup)]
    public void OtherOptimizersAndSchedulesTrain(ResNetOptimizer optimizer, LearningRateSchedule schedule)
    {
        var options = TrainingFixtures.Options(epochs: 2);
        options.Optimizer = optimizer;
        options.LearningRateSchedule = schedule;
        options.LearningRate = optimizer == ResNetOptimizer.Sgd ? 0.01 : 1e-3;
        options.WeightDecay = 1e-4;
        options.LabelSmoothing = 0.1;
        options.KeepBestEpoch = false;
        using var initial = InitialNetwork(options);
        var result = new ResNetTrainer(options).Train(fixtures.Shapes(24, 1), fixtures.Shapes(6, 2), ShapeImages.Classes);
        using var trained = result.Network;

        Assert.Equal(2, result.BestEpoch); // not keeping the best: the last epoch's weights come back
        Assert.All(result.History, m => Assert.True(double.IsFinite(m.TrainLoss) && double.IsFinite(m.ValidationLoss)));
        Assert.True(result.History[1].LearningRate < options.LearningRate, "the schedule should have decayed by the end");
        Assert.False(trained.state_dict()["layer1.0.conv1.weight"].equal(initial.state_dict()["layer1.0.conv1.weight"]).all().item<bool>());
    }

    [Fact]
    public void WithoutValidationImagesTheLastEpochIsReturned()
    {
        var result = new ResNetTrainer(TrainingFixtures.Options(epochs: 2))
            .Train(fixtures.Shapes(16, 1), fixtures.Shapes(0, 2), ShapeImages.Classes);
        using var network = result.Network;
        Assert.Equal(2, result.BestEpoch);
        Assert.All(result.History, m => Assert.True(double.IsNaN(m.ValidationAccuracy)));
    }

    [Fact]
    public void MemoryStaysFlatAcrossEpochsWhenImagesAreDecodedEveryEpoch()
    {
        var (encoded, labels) = ShapeImages.Encoded(48, 40, seed: 3);
        var train = new EncodedImageSource(encoded, labels);
        var options = TrainingFixtures.Options(epochs: 6);
        options.ImageCacheBytes = 0;
        var rss = new List<double>();
        var liveTensors = new List<long>();
        var createdOutsideScopes = new List<long>();
        options.MetricsCallback = _ =>
        {
            // Read before any collection: a tensor left to the finalizer instead of disposed still counts.
            liveTensors.Add(torch.Tensor.TotalCount);
            // Every per-step tensor must be born in a dispose scope; only the first epoch sets up long-lived ones.
            createdOutsideScopes.Add(DisposeScopeManager.Statistics.CreatedOutsideScopeCount);
            // Managed garbage is the GC's business; this measures what the trainer keeps.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            rss.Add(Process.GetCurrentProcess().WorkingSet64 / 1e6);
        };
        var result = new ResNetTrainer(options).Train(train, fixtures.Shapes(12, 4), ShapeImages.Classes);
        result.Network.Dispose();

        output.WriteLine("RSS after each epoch (MB): " + string.Join(", ", rss.Select(v => v.ToString("F0"))));
        output.WriteLine("Live tensors after each epoch: " + string.Join(", ", liveTensors));
        Assert.All(liveTensors.Skip(1), count => Assert.Equal(liveTensors[1], count));
        Assert.All(createdOutsideScopes.Skip(1), count => Assert.Equal(createdOutsideScopes[0], count));
        double growth = (rss[^1] - rss[1]) / rss[1];
        Assert.True(growth < 0.05, $"RSS grew {growth:P1} from epoch 2 to epoch 6");
    }

    [Fact]
    public void BadDataAndOptionsAreRejectedByName()
    {
        var train = fixtures.Shapes(6, 1);
        var options = TrainingFixtures.Options(epochs: 1);
        var trainer = new ResNetTrainer(options);
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentException>(() => trainer.Train(train, train, 1)).Message);
        Assert.Contains("row 2", Assert.Throws<ArgumentException>(() => trainer.Train(train, train, 2)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => trainer.Train(fixtures.Shapes(0, 1), train, 3)).Message);

        Assert.Contains("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ResNetTrainer(new ResNetClassifierOptions { BatchSize = 1 })).Message);
        Assert.Contains("ResNet18", Assert.Throws<ArgumentException>(() => new ResNetTrainer(new ResNetClassifierOptions
            { Architecture = ResNetArchitecture.ResNet34, Pretrained = PretrainedWeights.ImageNet })).Message);
        Assert.Contains("CheckpointDirectory", Assert.Throws<ArgumentException>(() =>
            new ResNetTrainer(new ResNetClassifierOptions { Resume = true })).Message);

        options.Pretrained = PretrainedWeights.File;
        options.PretrainedPath = Path.Combine(Path.GetTempPath(), "no-such-weights.pth");
        var missing = Assert.Throws<FileNotFoundException>(() => new ResNetTrainer(options).Train(train, train, 3));
        Assert.Contains("no-such-weights.pth", missing.Message);
    }

    // The network Train starts from: same seed, same architecture, same class count.
    private static ResNet InitialNetwork(ResNetClassifierOptions options)
    {
        torch.manual_seed(options.Seed);
        return ResNet.Create(options.Architecture, ShapeImages.Classes);
    }

    public void Dispose() => fixtures.Dispose();
}
