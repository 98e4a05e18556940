namespace MlNetResNet.Tests.Training.FineTuning;

/// <summary>What the planned runs do not support is refused when the trainer is created, naming the option.</summary>
public sealed class StagedOptionsCheckTests
{
    private static ResNetClassifierOptions Options(FineTuningMode mode, TimeSpan? budget = null)
    {
        var options = TrainingFixtures.Options(epochs: 1);
        options.FineTuning = mode;
        options.TimeBudget = budget;
        return options;
    }

    [Theory]
    [InlineData(FineTuningMode.HeadOnly)]
    [InlineData(FineTuningMode.TwoStage)]
    public void ResumeIsRefusedForStagedRuns(FineTuningMode mode)
    {
        var options = Options(mode);
        options.CheckpointDirectory = "checkpoints";
        options.Resume = true;

        var error = Assert.Throws<ArgumentException>(() => new ResNetTrainer(options));

        Assert.Equal(nameof(ResNetClassifierOptions.Resume), error.ParamName);
        Assert.Contains($"FineTuning = {mode}", error.Message);
    }

    [Theory]
    [InlineData(FineTuningMode.HeadOnly)]
    [InlineData(FineTuningMode.TwoStage)]
    public void BalancedClassWeightingIsRefusedForStagedRuns(FineTuningMode mode)
    {
        var options = Options(mode);
        options.ClassWeighting = ClassWeighting.Balanced;

        var error = Assert.Throws<ArgumentException>(() => new ResNetTrainer(options));

        Assert.Equal(nameof(ResNetClassifierOptions.ClassWeighting), error.ParamName);
        Assert.Contains(mode.ToString(), error.Message);
    }

    [Theory]
    [InlineData(FineTuningMode.Full, false)]
    [InlineData(FineTuningMode.Full, true)]
    [InlineData(FineTuningMode.HeadOnly, false)]
    [InlineData(FineTuningMode.TwoStage, true)]
    public void EveryRunAcceptsCalibration(FineTuningMode mode, bool withBudget)
    {
        var options = Options(mode, withBudget ? TimeSpan.FromMinutes(5) : null);
        options.Calibration = ProbabilityCalibration.Temperature;

        _ = new ResNetTrainer(options);
    }

    [Fact]
    public void FullAcceptsClassWeightingWithABudget()
    {
        var budgeted = Options(FineTuningMode.Full, TimeSpan.FromMinutes(5));
        budgeted.ClassWeighting = ClassWeighting.Balanced;

        _ = new ResNetTrainer(budgeted);
    }
}
