using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.ImageFolders;

namespace MlNetResNet.Demo.Runs;

/// <summary>What a training run produced, evaluated on its validation images.</summary>
internal sealed record TrainingOutcome(
    ImageClassifierModel Model, ImageFolderDataset Validation, EvaluationReport Report, double EvalImagesPerSecond,
    IReadOnlyList<EpochMetrics> History, int BestEpoch, TimeSpan Duration, CalibrationResult? Calibration = null,
    TrainingPlan? Plan = null, ResolvedChoices? Resolved = null);
