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
}
