using MlNetResNet.Export;
using MlNetResNet.Onnx;
using MlNetResNet.Scoring;

namespace MlNetResNet.Fitting;

/// <summary>The two ONNX graphs of a fitted classifier: the one inside the scoring chain, and the one users export.</summary>
internal static class ClassifierOnnx
{
    /// <summary>
    /// The graph the scoring chain runs: input <c>ResNetClassifier.Pixels</c> (ResizeSize² raw RGB, cropped to
    /// ImageSize inside), outputs the probabilities (class-name slot names) and the one-hot of their arg-max.
    /// </summary>
    public static byte[] ExportEmbedded(ResNet network, IReadOnlyList<string> classNames, ResNetClassifierOptions options,
        double temperature = 1) =>
        ResNetOnnxExporter.ExportToBytes(network, Options(classNames, options, ScoringColumnNames.Pixels,
            ScoringColumnNames.Probabilities, AddArgMaxOneHot, temperature));

    /// <summary>The user-facing graph: input <c>Pixels</c>, output <c>Score.output</c> with class-name slot names.</summary>
    public static byte[] ExportPublic(ResNet network, IReadOnlyList<string> classNames, ResNetClassifierOptions options,
        double temperature = 1)
    {
        var defaults = new OnnxExportOptions();
        return ResNetOnnxExporter.ExportToBytes(network,
            Options(classNames, options, defaults.InputName, defaults.ScoreColumnName, null, temperature));
    }

    private static OnnxExportOptions Options(IReadOnlyList<string> classNames, ResNetClassifierOptions options,
        string inputName, string scoreColumnName, Action<OnnxGraphBuilder, OnnxExportedTensors>? extend, double temperature) => new()
    {
        Temperature = temperature,
        InputName = inputName,
        InputSize = options.EffectiveResizeSize,
        CropSize = options.ImageSize,
        InputIsRawPixels = true,
        ScoreColumnName = scoreColumnName,
        ClassNames = classNames,
        ExtendGraph = extend,
    };

    // Arg-max of the probabilities (not the logits), so PredictedLabel is the first maximal slot of Score exactly as
    // ML.NET's evaluator and scorers read it; ties go to the lower index in both.
    private static void AddArgMaxOneHot(OnnxGraphBuilder graph, OnnxExportedTensors tensors)
    {
        string index = graph.AddNode("ArgMax", [tensors.Probabilities], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 0));
        string depth = graph.AddInitializer(graph.UniqueName("class_count"), [(long)tensors.ClassCount], 1);
        string offOn = graph.AddInitializer(graph.UniqueName("off_on"), [0f, 1f], 2);
        string oneHot = ScoringColumnNames.OnnxOutput(ScoringColumnNames.ArgMaxOneHot);
        graph.AddNode("OneHot", [index, depth, offOn], [oneHot], "argmax_one_hot", OnnxGraphBuilder.DefaultDomain,
            OnnxAttribute.Int("axis", -1));
        graph.AddOutput(oneHot, OnnxElementType.Float, "N", tensors.ClassCount);
    }
}
