namespace MlNetResNet.Fitting;

/// <summary>What training reported, carried into the fitted transformer.</summary>
internal sealed record FitSummary(
    IReadOnlyList<string> ClassNames, ResNetArchitecture Architecture, IReadOnlyList<EpochMetrics> History,
    int BestEpoch, IReadOnlyList<string> SkippedImages, bool Cancelled, CalibrationResult? Calibration = null,
    TrainingPlan? Plan = null);
