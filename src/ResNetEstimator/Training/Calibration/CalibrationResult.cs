namespace MlNetResNet;

/// <summary>The fitted temperature and the validation figures it was judged by.</summary>
/// <param name="Temperature">T of softmax(logits / T); 1 leaves the probabilities as trained.</param>
/// <param name="EceBefore">Expected calibration error (15 bins) of the validation set at T = 1.</param>
/// <param name="EceAfter">The same at the fitted T.</param>
/// <param name="NllBefore">Mean −ln p(true class) at T = 1.</param>
/// <param name="NllAfter">The same at the fitted T.</param>
/// <param name="Images">Validation images the temperature was fitted on.</param>
public sealed record CalibrationResult(double Temperature, double EceBefore, double EceAfter, double NllBefore, double NllAfter, int Images);
