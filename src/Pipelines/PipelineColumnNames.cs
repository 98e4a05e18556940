namespace MlNetResNet.Pipelines;

/// <summary>Column names the ready-made pipelines add to those of <see cref="ResNetColumnNames"/>.</summary>
public static class PipelineColumnNames
{
    /// <summary>Text column with the image file path (from <see cref="ImageFolderDataset"/>).</summary>
    public const string ImagePath = "ImagePath";

    /// <summary>Text column with the predicted class name (<c>MapKeyToValue</c> of <c>PredictedLabel</c>).</summary>
    public const string PredictedClass = "PredictedClass";
}
