namespace MlNetResNet.Training;

/// <summary>What one pass over a sample set measured; <see cref="Completed"/> is false when it was cancelled.</summary>
/// <param name="Completed">The pass reached its end.</param>
/// <param name="MeanLoss">Mean loss per image (NaN when no image was seen).</param>
/// <param name="Accuracy">Fraction classified correctly (validation only; NaN otherwise or when empty).</param>
/// <param name="Images">Images the network saw.</param>
/// <param name="Seconds">Wall time of the pass.</param>
/// <param name="LastLearningRate">Learning rate of the last step (training only).</param>
/// <param name="MacroAccuracy">Mean per-class recall over the classes present (validation only; NaN otherwise).</param>
internal sealed record PassOutcome(bool Completed, double MeanLoss, double Accuracy, long Images, double Seconds,
    double LastLearningRate, double MacroAccuracy = double.NaN);
