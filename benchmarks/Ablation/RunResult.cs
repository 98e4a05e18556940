namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>What one fit of one row measured on the validation set (at the returned epoch).</summary>
internal sealed record RunResult(
    string Row, int Seed, int Epochs, double WallSeconds, int BestEpoch, double Accuracy, double MacroAccuracy,
    double NllBefore, double NllAfter, double EceBefore, double EceAfter, double Temperature, bool UsedWeightAverage,
    double ScoreMillisecondsPerImage, string LoadAverageAfter);
