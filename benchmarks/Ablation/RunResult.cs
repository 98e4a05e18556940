namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>
/// What one fit of one row measured on the validation set (at the returned epoch). <see cref="EceFloor"/>: the ECE a
/// perfectly calibrated model with the saved model's top probabilities would show there (<see cref="CalibrationFloor"/>);
/// <see cref="BestTemperatureEce"/>: the lowest ECE any single temperature gives there. Both null in runs made before
/// they were measured.
/// </summary>
internal sealed record RunResult(
    string Row, int Seed, int Epochs, double WallSeconds, int BestEpoch, double Accuracy, double MacroAccuracy,
    double NllBefore, double NllAfter, double EceBefore, double EceAfter, double Temperature, bool UsedWeightAverage,
    double ScoreMillisecondsPerImage, string LoadAverageAfter, double? EceFloor = null, double? BestTemperatureEce = null);
