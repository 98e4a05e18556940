namespace MlNetResNet;

/// <summary>One stage of a training run: what was planned and what it measured.</summary>
/// <param name="Name"><c>features</c> (frozen backbone, head on pooled features), <c>unfrozen</c> (stage 2 of
/// TwoStage) or <c>full</c> (the seed recipe).</param>
/// <param name="ImageSize">Crop side the network saw.</param>
/// <param name="PlannedEpochs">Epochs planned (fractional when the budget allows part of one); head epochs for <c>features</c>.</param>
/// <param name="PlannedSteps">Optimisation steps the learning-rate schedule was sized to.</param>
/// <param name="ImagesPerSecond">Measured throughput: backbone images/s for <c>features</c>, training images/s otherwise.</param>
/// <param name="EpochsRun">Epochs (or head epochs) that ran; the last may be partial.</param>
/// <param name="Seconds">Wall time of the stage.</param>
/// <param name="FeatureSeconds">Of <see cref="Seconds"/>, the time spent getting features (cache reads, decoding and the
/// backbone) before the head trained; NaN for stages without features.</param>
public sealed record PlannedStage(string Name, int ImageSize, double PlannedEpochs, long PlannedSteps, double ImagesPerSecond,
    int EpochsRun, double Seconds, double FeatureSeconds = double.NaN);
