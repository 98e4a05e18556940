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
    [InlineData(FineTuningMode.HeadOnly, false)]
    [InlineData(FineTuningMode.TwoStage, false)]
    [InlineData(FineTuningMode.Full, true)]
    public void TemperatureCalibrationIsRefusedForPlannedRuns(FineTuningMode mode, bool withBudget)
    {
        var options = Options(mode, withBudget ? TimeSpan.FromMinutes(5) : null);
        options.Calibration = ProbabilityCalibration.Temperature;

        var error = Assert.Throws<ArgumentException>(() => new ResNetTrainer(options));

        Assert.Equal(nameof(ResNetClassifierOptions.Calibration), error.ParamName);
        Assert.Contains("plain Full run only", error.Message);
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

    [Fact]
    public void FullAcceptsCalibrationWithoutABudgetAndClassWeightingWithOne()
    {
        var calibrated = Options(FineTuningMode.Full);
        calibrated.Calibration = ProbabilityCalibration.Temperature;
        calibrated.ClassWeighting = ClassWeighting.Balanced;
        var budgeted = Options(FineTuningMode.Full, TimeSpan.FromMinutes(5));
        budgeted.ClassWeighting = ClassWeighting.Balanced;

        _ = new ResNetTrainer(calibrated);
        _ = new ResNetTrainer(budgeted);
    }
}
