using MlNetResNet.Onnx;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>
/// Loads a ResNet's weights from an ONNX file whose graph keeps its batch norms as BatchNormalization nodes
/// (CNTK's and PyTorch's exports, or ours with <see cref="OnnxExportOptions.FoldBatchNorm"/> false). The
/// graph is walked by structure, not by initializer names; the network must have the same blocks per stage.
/// </summary>
public static class OnnxResNetWeights
{
    /// <summary>Copies every convolution and batch norm (and fc, when the graph ends in one) into <paramref name="net"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not ONNX, or its graph does not fit the network (the message names the node).</exception>
    public static OnnxWeightImportReport Load(ResNet net, string onnxPath)
    {
        ArgumentNullException.ThrowIfNull(net);
        return OnnxResNetWeightCopier.Copy(net, ReadGraph(onnxPath));
    }

    /// <summary>Residual blocks per stage in the ONNX ResNet at <paramref name="onnxPath"/>, e.g. [2, 2, 2, 3].</summary>
    public static int[] ReadBlocksPerStage(string onnxPath) => ReadGraph(onnxPath).BlocksPerStage;

    internal static OnnxResNetGraph ReadGraph(string onnxPath) => OnnxResNetGraph.Parse(OnnxModelFile.Read(onnxPath), onnxPath);
}
