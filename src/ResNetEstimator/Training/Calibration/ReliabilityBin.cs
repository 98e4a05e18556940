namespace MlNetResNet;

/// <summary>One equal-width bin of the top probability: its range, rows, mean confidence and accuracy.</summary>
/// <param name="Lower">Lower edge (exclusive, except for the first bin).</param>
/// <param name="Upper">Upper edge (inclusive).</param>
/// <param name="Count">Rows whose top probability falls in the bin.</param>
/// <param name="MeanConfidence">Mean top probability of those rows; NaN when empty.</param>
/// <param name="Accuracy">Fraction of those rows predicted correctly; NaN when empty.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);
