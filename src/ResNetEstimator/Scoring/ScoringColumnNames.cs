namespace MlNetResNet.Scoring;

/// <summary>
/// Names of the intermediate columns of the scoring chain. They are dropped before the chain's output, but they
/// are written into model.zip (and into the embedded ONNX graph), so they must never change between versions.
/// </summary>
internal static class ScoringColumnNames
{
    /// <summary>MLImage loaded from a path column by LoadImages.</summary>
    public const string LoadedImage = "ResNetClassifier.LoadedImage";

    /// <summary>The image resized and center-cropped to ResizeSize × ResizeSize.</summary>
    public const string ResizedImage = "ResNetClassifier.ResizedImage";

    /// <summary>RGB planar float pixels 0..255; also the name of the ONNX graph input.</summary>
    public const string Pixels = "ResNetClassifier.Pixels";

    /// <summary>Softmax probabilities from the ONNX graph; copied to the Score column.</summary>
    public const string Probabilities = "ResNetClassifier.Probabilities";

    /// <summary>One-hot of the arg-max class from the ONNX graph; turned into the PredictedLabel key.</summary>
    public const string ArgMaxOneHot = "ResNetClassifier.ArgMaxOneHot";

    /// <summary>OnnxTransformer names the column of graph output <c>X.output</c> <c>X</c>.</summary>
    public static string OnnxOutput(string columnName) => columnName + ".output";
}
