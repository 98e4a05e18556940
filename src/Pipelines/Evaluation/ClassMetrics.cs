namespace MlNetResNet.Pipelines;

/// <summary>Per-class figures of an evaluation.</summary>
/// <param name="ClassName">Class name.</param>
/// <param name="Precision">Of the images predicted as this class, the fraction that are (0 when none was predicted).</param>
/// <param name="Recall">Of the images of this class, the fraction predicted as it (0 when there are none).</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">Images of this class in the data.</param>
public sealed record ClassMetrics(string ClassName, double Precision, double Recall, double F1, int Support);

/// <summary>An image the model got most wrong: the lowest probability given to its true class.</summary>
/// <param name="ImagePath">Path of the image (null when the data has no path column).</param>
/// <param name="TrueClass">Its class.</param>
/// <param name="PredictedClass">The class the model chose.</param>
/// <param name="TrueClassProbability">Probability given to the true class.</param>
/// <param name="PredictedProbability">Probability of the chosen class.</param>
public sealed record WorstPrediction(string? ImagePath, string TrueClass, string PredictedClass,
    double TrueClassProbability, double PredictedProbability);
