using MlNetResNet.Onnx;

namespace MlNetResNet.Export;

/// <summary>How <see cref="ResNetOnnxExporter"/> shapes the exported graph.</summary>
/// <remarks>
/// With the defaults the graph takes what ML.NET's <c>ExtractPixels</c> gives for a 256×256 image
/// (float32 <c>[N, 3, 256, 256]</c>, RGB planar, 0..255), center-crops it to 224×224, normalizes it with the
/// ImageNet mean/std and returns softmax probabilities as <c>Score.output</c> (<c>[N, classes]</c>), which
/// ML.NET's OnnxTransformer exposes as column <c>Score</c>. The batch dimension is dynamic.
/// </remarks>
public sealed class OnnxExportOptions
{
    /// <summary>Name of the graph input. Default "Pixels".</summary>
    public string InputName { get; set; } = "Pixels";

    /// <summary>Side of the square pixel input when <see cref="InputIsRawPixels"/>. Default 256.</summary>
    public int InputSize { get; set; } = 256;

    /// <summary>Side of the center crop the network sees (the graph crops with Slice). Default 224.</summary>
    public int CropSize { get; set; } = 224;

    /// <summary>
    /// True (default): the input is float32 <c>[N, 3, InputSize, InputSize]</c>, RGB planar in 0..255, and the
    /// graph crops and normalizes it. False: the input is already cropped and normalized,
    /// <c>[N, 3, CropSize, CropSize]</c>, exactly what the TorchSharp network takes.
    /// </summary>
    public bool InputIsRawPixels { get; set; } = true;

    /// <summary>
    /// The output column name for ML.NET: the probabilities are output as <c>{ScoreColumnName}.output</c>.
    /// Default "Score".
    /// </summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>
    /// Optional class names, one per output. When given, the graph holds a node named
    /// <c>mlnet.{ScoreColumnName}.SlotNames</c> with them, which ML.NET's OnnxTransformer turns into the
    /// column's slot names. Default null.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; set; }

    /// <summary>Fold every batch norm into the convolution before it (faster, same results). Default true.</summary>
    public bool FoldBatchNorm { get; set; } = true;

    /// <summary>
    /// Temperature T of the softmax: the graph divides the logits by T before it (a <c>Div</c> node with the scalar
    /// initializer <c>calibration.temperature</c>; none when T = 1). Default 1.
    /// </summary>
    public double Temperature { get; set; } = 1;

    /// <summary>ONNX opset of the default domain, 13 or newer. Default 17.</summary>
    public int Opset { get; set; } = 17;

    /// <summary>
    /// Optional hook called after the network and the score output are in the graph, to add nodes and outputs
    /// (e.g. an ArgMax for a predicted label). Default null.
    /// </summary>
    public Action<OnnxGraphBuilder, OnnxExportedTensors>? ExtendGraph { get; set; }

    /// <summary>The graph output name of the probabilities.</summary>
    public string ScoreOutputName => $"{ScoreColumnName}.output";

    internal void Validate(ResNet net)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(InputName, nameof(InputName));
        ArgumentException.ThrowIfNullOrWhiteSpace(ScoreColumnName, nameof(ScoreColumnName));
        if (CropSize < 1) throw new ArgumentOutOfRangeException(nameof(CropSize), CropSize, "The crop must be at least 1 pixel.");
        if (InputIsRawPixels && InputSize < CropSize)
            throw new ArgumentOutOfRangeException(nameof(InputSize), InputSize, $"InputSize must be at least CropSize ({CropSize}).");
        if (!double.IsFinite(Temperature) || Temperature <= 0)
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The temperature must be a finite number above 0.");
        if (Opset < 13) throw new ArgumentOutOfRangeException(nameof(Opset), Opset, "Opset 13 or newer is required.");
        if (net.Head is null)
            throw new ArgumentException("The network has no classifier head (built with includeTop: false); only classifiers export.", nameof(net));
        if (ClassNames is not null && ClassNames.Count != net.NumClasses)
            throw new ArgumentException(
                $"{ClassNames.Count} class names were given for a network with {net.NumClasses} outputs.", nameof(ClassNames));
        if (InputName == ScoreOutputName)
            throw new ArgumentException($"The input and the score output are both named '{InputName}'.", nameof(InputName));
    }
}
