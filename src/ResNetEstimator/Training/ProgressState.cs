namespace MlNetResNet.Training;

/// <summary>Best-epoch and early-stopping bookkeeping, carried across epochs and checkpoints.</summary>
internal sealed record ProgressState
{
    public int BestEpoch { get; set; }
    public double BestAccuracy { get; set; } = double.NegativeInfinity;
    public double BestLoss { get; set; } = double.PositiveInfinity;

    /// <summary>Accuracy that the next epoch must beat by the minimum delta to reset patience.</summary>
    public double EarlyStoppingReference { get; set; } = double.NegativeInfinity;

    public int EpochsWithoutImprovement { get; set; }

    /// <summary>Early stopping ended the run: resuming it trains no further epoch.</summary>
    public bool StoppedEarly { get; set; }

    /// <summary>
    /// The best-epoch rule of every training path: the highest validation accuracy wins, ties go to the lower
    /// validation loss; without validation, the latest epoch.
    /// </summary>
    public bool Improves(double accuracy, double loss, bool hasValidation) =>
        !hasValidation || accuracy > BestAccuracy || (accuracy == BestAccuracy && loss < BestLoss);

    /// <summary>Makes <paramref name="epoch"/> the best one.</summary>
    public void Record(int epoch, double accuracy, double loss)
    {
        BestEpoch = epoch;
        BestAccuracy = accuracy;
        BestLoss = loss;
    }
}
