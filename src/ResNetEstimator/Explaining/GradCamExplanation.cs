using MlNetResNet.Explaining;

namespace MlNetResNet;

/// <summary>
/// Grad-CAM heatmaps of one image over the square crop the network saw (<see cref="Size"/>² pixels, row-major, values
/// in [0, 1]): for the predicted class, and for the true class when one was given.
/// </summary>
public sealed class GradCamExplanation
{
    internal GradCamExplanation(string imagePath, int size, byte[] cropRgb, IReadOnlyList<string> classNames, GradCamPass pass,
        string? trueClass)
    {
        ImagePath = imagePath;
        Size = size;
        CropRgb = cropRgb;
        Probabilities = pass.Probabilities;
        PredictedClass = classNames[pass.Predicted];
        PredictedHeatmap = pass.PredictedHeatmap;
        TrueClass = trueClass;
        TrueHeatmap = pass.TrueHeatmap;
    }

    /// <summary>The explained image.</summary>
    public string ImagePath { get; }

    /// <summary>Side of the crop (the model's ImageSize).</summary>
    public int Size { get; }

    /// <summary>The crop the network saw: resized, center-cropped, RGB bytes row by row.</summary>
    public byte[] CropRgb { get; }

    /// <summary>Every class's probability (the saved model's <c>Score</c>, temperature included).</summary>
    public IReadOnlyList<float> Probabilities { get; }

    /// <summary>The class with the highest probability.</summary>
    public string PredictedClass { get; }

    /// <summary>Where the evidence for <see cref="PredictedClass"/> lies.</summary>
    public IReadOnlyList<float> PredictedHeatmap { get; }

    /// <summary>The true class, when known.</summary>
    public string? TrueClass { get; }

    /// <summary>Where the evidence for <see cref="TrueClass"/> lies; null when it is not known.</summary>
    public IReadOnlyList<float>? TrueHeatmap { get; }
}
