namespace MlNetResNet.Demo.Cli;

/// <summary><c>train</c>.</summary>
public sealed record TrainRequest(
    string Data, string? Validation, ResNetArchitecture Architecture, int Epochs, int ImageSize, int BatchSize,
    double LearningRate, PretrainedChoice Pretrained, int Seed, string Output, string? MetricsJson, bool Verbose,
    TrainingPrecision Precision = TrainingPrecision.Float32, bool Resume = false,
    ProbabilityCalibration Calibration = ProbabilityCalibration.None, ClassWeighting? ClassWeighting = null)
    : DemoRequest(Verbose)
{
    /// <summary><c>--fine-tune</c>.</summary>
    public FineTuningMode FineTuning { get; init; } = FineTuningMode.Full;

    /// <summary><c>--cache-dir</c>; null keeps no feature cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary><c>--cache-size</c> in bytes.</summary>
    public long CacheMaxBytes { get; init; } = 1L << 30;

    /// <summary><c>--time-budget</c>; null has none.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary><c>--recipe</c> and the flags of its additions.</summary>
    public RecipeRequest Recipe { get; init; } = new();
}
