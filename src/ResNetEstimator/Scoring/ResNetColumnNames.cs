namespace MlNetResNet;

/// <summary>Default column names of the ResNet classifier (ML.NET's own DefaultColumnNames is internal).</summary>
public static class ResNetColumnNames
{
    /// <summary>Key-typed class label.</summary>
    public const string Label = "Label";

    /// <summary>Image input.</summary>
    public const string Image = "Image";

    /// <summary>Vector of class probabilities.</summary>
    public const string Score = "Score";

    /// <summary>Key-typed predicted class.</summary>
    public const string PredictedLabel = "PredictedLabel";
}
