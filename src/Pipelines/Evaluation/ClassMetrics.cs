namespace MlNetResNet.Pipelines;

/// <summary>Per-class figures of an evaluation.</summary>
/// <param name="ClassName">Class name.</param>
/// <param name="Precision">Of the images predicted as this class, the fraction that are (0 when none was predicted).</param>
/// <param name="Recall">Of the images of this class, the fraction predicted as it (0 when there are none).</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">Images of this class in the data.</param>
public sealed record ClassMetrics(string ClassName, double Precision, double Recall, double F1, int Support);
