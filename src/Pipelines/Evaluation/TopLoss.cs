namespace MlNetResNet.Pipelines;

/// <summary>One of the images with the highest loss.</summary>
/// <param name="ImagePath">The image, when the data has a path.</param>
/// <param name="Actual">Its true class.</param>
/// <param name="Predicted">The class the model gave it.</param>
/// <param name="Loss">−ln of the probability of the true class (clamped at 1e-15).</param>
/// <param name="ActualProbability">Probability of the true class.</param>
/// <param name="PredictedProbability">Probability of the predicted class.</param>
public sealed record TopLoss(string? ImagePath, string Actual, string Predicted, double Loss, double ActualProbability,
    double PredictedProbability);
