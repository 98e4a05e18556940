namespace MlNetResNet.Pipelines;

/// <summary>An image the model got most wrong: the lowest probability given to its true class.</summary>
/// <param name="ImagePath">Path of the image (null when the data has no path column).</param>
/// <param name="TrueClass">Its class.</param>
/// <param name="PredictedClass">The class the model chose.</param>
/// <param name="TrueClassProbability">Probability given to the true class.</param>
/// <param name="PredictedProbability">Probability of the chosen class.</param>
public sealed record WorstPrediction(string? ImagePath, string TrueClass, string PredictedClass,
    double TrueClassProbability, double PredictedProbability);
