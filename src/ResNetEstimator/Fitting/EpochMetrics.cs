namespace MlNetResNet;

/// <summary>What one epoch of training measured.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="ValidationLoss">Mean validation cross-entropy.</param>
/// <param name="ValidationAccuracy">Fraction of validation images classified correctly.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="Seconds">Wall time of the epoch (training and validation).</param>
/// <param name="TrainImagesPerSecond">Training throughput, decode and augmentation included.</param>
/// <param name="SkippedImages">Images left out because they could not be decoded.</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy,
    double LearningRate, double Seconds, double TrainImagesPerSecond, int SkippedImages)
{
    /// <summary>Mean per-class recall on the validation images (classes present only); NaN without validation.</summary>
    public double ValidationMacroAccuracy { get; init; } = double.NaN;
}
