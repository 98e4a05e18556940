using MlNetResNet.Tests.Support;
using Xunit.Abstractions;
using TorchSharp;
using static TorchSharp.torch;
using MlNetResNet.Training.FineTuning;

namespace MlNetResNet.Tests.Training.FineTuning;

/// <summary>HeadOnly and TwoStage on the shapes set, the feature cache through the trainer, and the time budget on a fake clock.</summary>
public sealed class StagedTrainingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TrainingFixtures fixtures = new();
    private readonly TempFolder folder = new("staged");

    private static ResNetClassifierOptions Options(FineTuningMode mode, int epochs = 2)
    {
        var options = TrainingFixtures.Options(epochs);
        options.FineTuning = mode;
        options.LearningRate = 1e-3;
        return options;
    }

    [Fact]
    public void HeadOnlyReproducesItselfExactlyWithTheSameSeed()
    {
        var first = Train(Options(FineTuningMode.HeadOnly));
        var second = Train(Options(FineTuningMode.HeadOnly));
        using (first.Network)
        using (second.Network)
        {
            Assert.Equal(TrainingFixtures.Repeatable(first.History), TrainingFixtures.Repeatable(second.History));
            foreach (var (name, tensor) in first.Network.state_dict())
                Assert.True(tensor.equal(second.Network.state_dict()[name]).all().item<bool>(), $"{name} differs");
        }
        Assert.Equal("features", Assert.Single(first.Plan!.Stages).Name);
        Assert.True(first.Plan.Stages[0].EpochsRun >= 1);
    }

    [Fact]
    public void TheHeadHandsTheRunsThreadCountBack()
    {
        // The head sets torch's process-wide thread count to 1 for its tiny steps. It must come back to the run's count,
        // or every later step of the process (stage 2, export, the next Fit) would run on one core.
        int before = torch.get_num_threads();
        try
        {
            var options = Options(FineTuningMode.HeadOnly);
            options.NumberOfThreads = 2;
            var threadsAfterHead = new List<int>();
            options.MetricsCallback = _ => threadsAfterHead.Add(torch.get_num_threads());
            using var network = Train(options).Network;
            Assert.Equal(2, Assert.Single(threadsAfterHead));
            Assert.Equal(2, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void HeadOnlyChangesOnlyFc()
    {
        var options = Options(FineTuningMode.HeadOnly);
        torch.manual_seed(options.Seed);
        using var initial = ResNet.Create(options.Architecture, ShapeImages.Classes);
        var result = Train(options);
        using var trained = result.Network;
        foreach (var (name, tensor) in trained.state_dict())
        {
            bool same = tensor.equal(initial.state_dict()[name]).all().item<bool>();
            Assert.True(name.StartsWith("fc.", StringComparison.Ordinal) ? !same : same, name);
        }
    }

    [Fact]
    public void TwoStageBeatsOrMatchesHeadOnlyOnTheShapes()
    {
        var head = Train(Options(FineTuningMode.HeadOnly));
        var twoStage = Train(Options(FineTuningMode.TwoStage, epochs: 3));
        head.Network.Dispose();
        twoStage.Network.Dispose();
        double headAccuracy = head.History.Max(m => m.ValidationAccuracy);
        double twoStageAccuracy = twoStage.History[twoStage.BestEpoch - 1].ValidationAccuracy;
        output.WriteLine($"head only {headAccuracy:P1}; two-stage {string.Join(" ", twoStage.History.Select(m => m.ValidationAccuracy.ToString("P1")))}, best epoch {twoStage.BestEpoch}");
        Assert.Equal(head.History[0].ValidationAccuracy, twoStage.History[0].ValidationAccuracy); // the same stage 1
        Assert.Equal(4, twoStage.History.Count);                                                   // and 3 unfrozen epochs after it
        Assert.Equal(["features", "unfrozen"], twoStage.Plan!.Stages.Select(s => s.Name));
        Assert.True(twoStageAccuracy >= headAccuracy, $"two-stage {twoStageAccuracy:P1} < head only {headAccuracy:P1}");
    }

    [Fact]
    public void ASecondRunReadsEveryFeatureFromTheCacheAndADamagedEntryIsRecomputed()
    {
        var options = Options(FineTuningMode.HeadOnly);
        options.FeatureCacheDirectory = folder.Path;
        var first = Train(options);
        var second = Train(options);
        first.Network.Dispose();
        second.Network.Dispose();
        Assert.Equal((0, 30), (first.Plan!.FeatureCacheHits, first.Plan.FeatureCacheMisses));
        Assert.Equal((30, 0), (second.Plan!.FeatureCacheHits, second.Plan.FeatureCacheMisses));
        Assert.Equal(TrainingFixtures.Repeatable(first.History), TrainingFixtures.Repeatable(second.History));

        var entry = Directory.GetFiles(folder.Path, "*.feat").Order(StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(entry);
        bytes[100] ^= 0x10;
        File.WriteAllBytes(entry, bytes);
        var third = Train(options);
        third.Network.Dispose();
        Assert.Equal((29, 1, 1), (third.Plan!.FeatureCacheHits, third.Plan.FeatureCacheMisses, third.Plan.FeatureCacheCorrupt));
        // The damaged image is recomputed in a batch of one, so its features may differ from the batch-of-8 originals in the
        // last bits (oneDNN picks kernels by batch size): the same result up to float rounding, not bit for bit.
        var (before, after) = (first.History[0], third.History[0]);
        Assert.Equal(before.ValidationAccuracy, after.ValidationAccuracy);
        Assert.Equal(before.ValidationLoss, after.ValidationLoss, tolerance: 1e-5);
        Assert.Equal(before.TrainLoss, after.TrainLoss, tolerance: 1e-5);
        Assert.Equal(30, Directory.GetFiles(folder.Path, "*.feat").Length);
    }

    [Theory]
    [InlineData(FineTuningMode.Full)]
    [InlineData(FineTuningMode.TwoStage)]
    public void ThePlanFitsTheBudgetOnAFakeClock(FineTuningMode mode)
    {
        // Every training step "costs" 2 s and every validation 1 s on the fake clock; the budget allows ~25 steps of the 120 that
        // 20 epochs would take, so the plan, not the epoch count, must end the run. Six steps an epoch in either mode:
        // TwoStage's stage 2 steps in batches of 64 where Full keeps the options' 8.
        int stepImages = StepImages(mode);
        var clock = new FakeClock();
        var budget = TimeSpan.FromSeconds(60);
        var options = Options(mode, epochs: 20);
        options.TimeBudget = budget;
        options.BatchCallback = _ => clock.Advance(TimeSpan.FromSeconds(2));
        options.MetricsCallback = _ => clock.Advance(TimeSpan.FromSeconds(1));
        var result = new ResNetTrainer(options) { Clock = clock, DataWorkers = 1 }
            .Train(fixtures.Shapes(6 * stepImages, 1), fixtures.Shapes(12, 2), ShapeImages.Classes);
        result.Network.Dispose();

        var stage = result.Plan!.Stages[^1];
        output.WriteLine(result.Plan.ToString());
        output.WriteLine($"fake clock at the end: {clock.Elapsed.TotalSeconds} s");
        Assert.True(clock.Elapsed <= budget, $"ended at {clock.Elapsed.TotalSeconds} s of a {budget.TotalSeconds} s budget");
        Assert.True(clock.Elapsed >= budget * 0.7, $"used only {clock.Elapsed.TotalSeconds} s of a {budget.TotalSeconds} s budget");
        Assert.InRange(stage.PlannedSteps, 15, 30);
        Assert.Equal(stepImages / 2.0, stage.ImagesPerSecond, precision: 6); // one batch per fake 2 s
        Assert.Equal(budget.TotalSeconds, result.Plan.TimeBudgetSeconds);
    }

    [Theory]
    [InlineData(4.0, 1.0)] // the machine gets faster after the first timed steps: a plan made once would end early
    [InlineData(1.0, 3.0)] // it gets slower: a plan made once would be cut off by the deadline mid-curve
    public void ThePlanIsRedoneFromTheRunningThroughputOnAFakeClock(double firstStepSeconds, double laterStepSeconds)
    {
        const int stepsAtFirstCost = 8;
        var clock = new FakeClock();
        var budget = TimeSpan.FromSeconds(90);
        var options = Options(FineTuningMode.TwoStage, epochs: 20);
        options.TimeBudget = budget;
        int steps = 0;
        options.BatchCallback = _ => clock.Advance(TimeSpan.FromSeconds(++steps <= stepsAtFirstCost ? firstStepSeconds : laterStepSeconds));
        options.MetricsCallback = _ => clock.Advance(TimeSpan.FromSeconds(1));
        int stepImages = StepImages(FineTuningMode.TwoStage);
        var result = new ResNetTrainer(options) { Clock = clock, DataWorkers = 1 }
            .Train(fixtures.Shapes(6 * stepImages, 1), fixtures.Shapes(12, 2), ShapeImages.Classes);
        result.Network.Dispose();

        output.WriteLine(result.Plan!.ToString());
        output.WriteLine($"fake clock at the end: {clock.Elapsed.TotalSeconds} s after {steps} steps; last rate {result.History[^1].LearningRate:G3}");
        Assert.True(clock.Elapsed <= budget, $"ended at {clock.Elapsed.TotalSeconds} s of a {budget.TotalSeconds} s budget");
        Assert.True(clock.Elapsed >= budget * 0.8, $"used only {clock.Elapsed.TotalSeconds} s of a {budget.TotalSeconds} s budget");
        // The schedule was sized to the steps that really ran: the last one is near the end of the cosine.
        double peak = options.LearningRate * StagedTraining.UnfrozenPeakMultiplier;
        Assert.True(result.History[^1].LearningRate <= 0.1 * peak, $"the last step ran at {result.History[^1].LearningRate:G3} of a {peak:G3} peak");
        Assert.Equal(laterStepSeconds, stepImages / result.Plan.Stages[^1].ImagesPerSecond, tolerance: laterStepSeconds * 0.35);
    }

    [Theory]
    [InlineData(8, 3)] // raised to 64: 64 + 64 + 32
    [InlineData(80, 2)] // a larger batch is kept
    public void StageTwoStepsInBatchesOfAtLeast64(int batchSize, int expectedBatches)
    {
        var options = Options(FineTuningMode.TwoStage, epochs: 1);
        options.BatchSize = batchSize;
        var batchCounts = new List<int>();
        options.BatchCallback = progress => batchCounts.Add(progress.BatchCount);
        var result = new ResNetTrainer(options) { DataWorkers = 1 }
            .Train(fixtures.Shapes(160, 1), fixtures.Shapes(6, 2), ShapeImages.Classes);
        result.Network.Dispose();
        Assert.NotEmpty(batchCounts);
        Assert.All(batchCounts, count => Assert.Equal(expectedBatches, count));
    }

    [Fact]
    public void StageTwoNarrowsTheSeedsCropRangeButKeepsAUsersOwn()
    {
        Assert.Equal((StagedTraining.UnfrozenCropScaleMin, 1.0), StagedTraining.UnfrozenCropScale(new ResNetTrainerOptions().RandomCropScale));
        Assert.True(StagedTraining.UnfrozenCropScaleMin > ResNetClassifierEstimator.Defaults.RandomCropScale.Min);
        Assert.Equal((0.2, 0.9), StagedTraining.UnfrozenCropScale((0.2, 0.9)));
    }

    // Images per training step: stage 2 of TwoStage raises the options' batch of 8 to 64; Full keeps it.
    private static int StepImages(FineTuningMode mode)
    {
        var options = Options(mode);
        return mode == FineTuningMode.TwoStage ? Math.Max(options.BatchSize, 64) : options.BatchSize;
    }

    private TrainingResult Train(ResNetClassifierOptions options) =>
        new ResNetTrainer(options) { DataWorkers = 1 }.Train(fixtures.Shapes(24, 1), fixtures.Shapes(6, 2), ShapeImages.Classes);

    public void Dispose()
    {
        fixtures.Dispose();
        folder.Dispose();
    }
}
