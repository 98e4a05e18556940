namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>One Fit: its wall time (reading, training and export), best validation accuracy, and the accuracy curve.</summary>
internal sealed record RunResult(string Recipe, int Seed, double WallSeconds, double BestAccuracy,
    IReadOnlyList<(double Seconds, double Accuracy)> Curve, TrainingPlan? Plan);
