namespace MlNetResNet;

/// <summary>
/// What a fitted classifier knew about its training, as stored in model.zip by <see cref="TrainingSummaryEntry"/>:
/// <c>mlContext.Model.Load</c> gives back ML.NET's own chain, which has no place for it.
/// </summary>
/// <param name="ClassNames">Class names in key order (slot i of the score column; also its slot names).</param>
/// <param name="Architecture">The network architecture.</param>
/// <param name="BestEpoch">The epoch whose weights the model holds (1-based; 0 when cancelled before any epoch ended).</param>
/// <param name="History">Metrics of each completed epoch.</param>
/// <param name="Resolved">What the Auto settings and thread counts became in training.</param>
/// <param name="ScoreColumnName">The model's score output column.</param>
/// <param name="PredictedLabelColumnName">The model's predicted-label output column.</param>
public sealed record SavedTrainingSummary(
    IReadOnlyList<string> ClassNames, ResNetArchitecture Architecture, int BestEpoch, IReadOnlyList<EpochMetrics> History,
    ResolvedChoices? Resolved, string ScoreColumnName, string PredictedLabelColumnName);
