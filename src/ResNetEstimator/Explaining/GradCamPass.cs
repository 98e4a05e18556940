namespace MlNetResNet.Explaining;

/// <summary>What one Grad-CAM pass over an image found: the probabilities and a heatmap per asked class.</summary>
internal sealed record GradCamPass(float[] Probabilities, int Predicted, float[] PredictedHeatmap, float[]? TrueHeatmap);
