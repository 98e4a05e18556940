namespace MlNetResNet.Training.FineTuning;

/// <summary>How the head trains on cached features.</summary>
/// <param name="LearningRate">Adam's rate for <c>fc</c> alone.</param>
/// <param name="BatchSize">Feature rows per step.</param>
/// <param name="MaxEpochs">Upper limit; early stopping usually ends sooner.</param>
/// <param name="Patience">Head epochs without a better validation result before stopping.</param>
/// <param name="LabelSmoothing">As the options say.</param>
/// <param name="Seed">Shuffling seed.</param>
internal sealed record HeadSettings(double LearningRate, int BatchSize, int MaxEpochs, int Patience, double LabelSmoothing, int Seed)
{
    /// <summary>The best head epoch is the one with the highest macro accuracy (an unbalanced validation set), not micro.</summary>
    public bool SelectOnMacroAccuracy { get; init; }

    // Measured on the synthetic sets: a linear head on ImageNet features converges in 10-40 epochs at 1e-3
    // (1e-4, the whole-network rate, needs ~10x as many); 64 rows per step keep each epoch in milliseconds.
    public static HeadSettings For(ResNetTrainerOptions options) =>
        new(LearningRate: 1e-3, BatchSize: 64, MaxEpochs: 200, Patience: 10, options.LabelSmoothing, options.Seed);
}
