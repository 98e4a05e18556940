namespace MlNetResNet.Training.FineTuning;

/// <summary>What head training reached: the best head epoch's figures (its weights are in <c>fc</c>).</summary>
internal sealed record HeadOutcome(int EpochsRun, int BestEpoch, double TrainLoss, double ValidationLoss,
    double ValidationAccuracy, double Seconds, double ValidationMacroAccuracy = double.NaN);
