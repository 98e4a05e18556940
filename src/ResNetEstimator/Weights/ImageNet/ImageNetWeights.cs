using System.Globalization;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>
/// ImageNet-trained ResNet-18 weights that work offline: the NuGet package
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 copies <c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c> (a CNTK
/// export ending at the 512-d pooled features, no fc) and its preprocessing <c>ResNetPreprocess.onnx</c>
/// (BGR, 0–255, minus a mean image) into every output folder. The weights are read from the graph and the
/// preprocessing is folded into conv1/bn1, so the network takes our standard input: RGB scaled to 0..1 and
/// normalized with the ImageNet mean/std (<see cref="ImageNetNormalization.Mean"/>).
/// </summary>
/// <remarks>
/// That graph has 3 blocks in its last stage ([2, 2, 2, 3]), one more than torchvision's resnet18, so the
/// network is built from the graph (<see cref="CreateResNet18(int?, string?, string?)"/>); a plain
/// <c>ResNet.Create(ResNetArchitecture.ResNet18)</c> is rejected by <see cref="LoadResNet18"/> with a
/// message that says so. Its <see cref="ResNet.Architecture"/> still reads ResNet18.
/// </remarks>
public static class ImageNetWeights
{
    /// <summary><c>DnnImageModels/ResNet18Onnx/ResNet18.onnx</c> next to the running application.</summary>
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary><c>DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx</c> next to the running application.</summary>
    public static string DefaultPreprocessingPath =>
        Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary>The ResNet-18 spec with the block counts of the ONNX graph.</summary>
    public static ArchitectureSpec ResNet18Spec(string? onnxPath = null) => SpecOf(ReadGraph(onnxPath));

    /// <summary>
    /// A ResNet-18 with the ImageNet weights. <paramref name="numClasses"/> null: no fc, forward gives the
    /// 512-d features; otherwise a freshly initialised fc with that many outputs for fine-tuning.
    /// </summary>
    public static ResNet CreateResNet18(int? numClasses = null, string? onnxPath = null, string? preprocessingPath = null) =>
        CreateResNet18(out _, numClasses, onnxPath, preprocessingPath);

    /// <summary>As <see cref="CreateResNet18(int?, string?, string?)"/>, also giving the import report.</summary>
    public static ResNet CreateResNet18(out OnnxWeightImportReport report, int? numClasses = null, string? onnxPath = null,
        string? preprocessingPath = null)
    {
        var graph = ReadGraph(onnxPath);
        var net = ResNet.Create(SpecOf(graph), numClasses ?? 1000, includeTop: numClasses is not null);
        try
        {
            report = Load(net, graph, preprocessingPath);
        }
        catch
        {
            net.Dispose();
            throw;
        }
        return net;
    }

    /// <summary>
    /// Loads the ImageNet weights into <paramref name="net"/>, which must have the graph's block counts
    /// (build it with <see cref="ResNet18Spec"/> or use <see cref="CreateResNet18(int?, string?, string?)"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">A model file is missing (the message says where it comes from).</exception>
    /// <exception cref="InvalidDataException">A file is not the expected ONNX model or does not fit the network.</exception>
    public static OnnxWeightImportReport LoadResNet18(ResNet net, string? onnxPath = null, string? preprocessingPath = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        return Load(net, ReadGraph(onnxPath), preprocessingPath);
    }

    private static OnnxWeightImportReport Load(ResNet net, OnnxResNetGraph graph, string? preprocessingPath)
    {
        string prepPath = RequireFile(preprocessingPath ?? DefaultPreprocessingPath, "preprocessing model");
        // Measure the preprocessing before touching the network, so a bad file leaves it as it was.
        var preprocessing = PixelPreprocessing.Measure(prepPath);
        var report = OnnxResNetWeightCopier.Copy(net, graph);
        ImageNetInputFolding.Apply(net, preprocessing);

        var order = preprocessing.Permutation();
        string channels = order is null ? "a channel mix" : $"channel order [{string.Join(", ", order)}]";
        string spread = string.Join("/", preprocessing.OffsetSpread.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)));
        string note = $"'{Path.GetFileName(prepPath)}' ({channels}, offsets with channel means " +
                      $"{string.Join("/", preprocessing.MeanOffset.Select(m => m.ToString("F1", CultureInfo.InvariantCulture)))}) folded into conv1/bn1 " +
                      $"for ImageNet-normalized RGB input; its per-pixel offsets deviate from those means by up to {spread}";
        return report with { Notes = report.Notes.Append(note).Append(TorchvisionLayoutNote(report.BlocksPerStage)).ToArray() };
    }

    /// <summary>Where a <c>.pth</c> saved from the imported network loads in PyTorch: its block counts decide, not the name.</summary>
    internal static string TorchvisionLayoutNote(int[] blocksPerStage)
    {
        string blocks = $"[{string.Join(", ", blocksPerStage)}]";
        var resnet18 = ResNetArchitectures.Get(ResNetArchitecture.ResNet18).Layers;
        return blocksPerStage.SequenceEqual(resnet18)
            ? $"blocks {blocks} as torchvision's resnet18: a .pth of this network loads into torchvision.models.resnet18()"
            : $"blocks {blocks}, not torchvision resnet18's [{string.Join(", ", resnet18)}]: a .pth of this network loads into " +
              $"torchvision.models.resnet.ResNet(BasicBlock, {blocks}), not into torchvision.models.resnet18()";
    }

    private static OnnxResNetGraph ReadGraph(string? onnxPath) =>
        OnnxResNetWeights.ReadGraph(RequireFile(onnxPath ?? DefaultModelPath, "model"));

    private static ArchitectureSpec SpecOf(OnnxResNetGraph graph)
    {
        var spec = ResNetArchitectures.Get(ResNetArchitecture.ResNet18);
        if (graph.Blocks.Any(b => b.Main.Count != 2))
            throw new InvalidDataException($"'{graph.Source}' is built from bottleneck blocks: it is not a ResNet-18.");
        return spec with { Layers = graph.BlocksPerStage };
    }

    private static string RequireFile(string path, string what) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"ImageNet ResNet-18 {what} '{path}' does not exist. It ships in the NuGet package " +
                "Microsoft.ML.DnnImageFeaturizer.ResNet18, which copies DnnImageModels/ into the output folder of projects that reference it.",
                path);
}
