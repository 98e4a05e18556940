using System.Reflection;
using MlNetResNet.Onnx;
using MlNetResNet.Onnx.Proto;
using static TorchSharp.torch;

namespace MlNetResNet.Export;

/// <summary>
/// Exports a <see cref="ResNet"/> classifier as an ONNX model that computes its eval-mode softmax
/// probabilities (opset 17 by default, dynamic batch), with the pixel preprocessing inside the graph. The file
/// runs in ONNX Runtime and in ML.NET's <c>ApplyOnnxModel</c>; see <see cref="OnnxExportOptions"/>.
/// </summary>
public static class ResNetOnnxExporter
{
    /// <summary>Writes the model to <paramref name="destination"/> (left open).</summary>
    /// <param name="net">A network with a classifier head; its weights and BN running statistics are exported.</param>
    /// <param name="destination">A writable stream.</param>
    /// <param name="options">Graph options; null uses the defaults.</param>
    public static void Export(ResNet net, Stream destination, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        OnnxModelFile.Write(BuildModel(net, options ?? new OnnxExportOptions()), destination);
    }

    /// <summary>Writes the model to the file <paramref name="path"/> (overwritten).</summary>
    public static void Export(ResNet net, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var file = File.Create(path);
        Export(net, file, options);
    }

    /// <summary>The model as bytes, e.g. for <c>MemoryStream</c>-based consumers.</summary>
    public static byte[] ExportToBytes(ResNet net, OnnxExportOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Export(net, buffer, options);
        return buffer.ToArray();
    }

    internal static ModelProto BuildModel(ResNet net, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(net);
        var layout = ResNetLayout.Of(net);
        var graph = new OnnxGraphBuilder(net.Spec.TorchvisionName, options.Opset);

        using (no_grad())
        {
            string input = InputPreprocessingWriter.Write(graph, options);
            var writer = new ResNetGraphWriter(graph, options.FoldBatchNorm);
            string features = writer.WriteBackbone(layout, input);
            string logits = TemperatureWriter.Write(graph, writer.WriteHead(layout.Head!, features), options.Temperature);
            string probabilities = options.ScoreOutputName;
            graph.AddNode("Softmax", new[] { logits }, new[] { probabilities }, "softmax", OnnxGraphBuilder.DefaultDomain,
                OnnxAttribute.Int("axis", 1));
            graph.AddOutput(probabilities, OnnxElementType.Float, "N", net.NumClasses);
            if (options.ClassNames is not null) ClassNamesWriter.Write(graph, options.ScoreColumnName, options.ClassNames);
            options.ExtendGraph?.Invoke(graph, new OnnxExportedTensors(options.InputName, logits, probabilities, net.NumClasses));
        }
        return graph.ToModel("MlNetResNet", ProducerVersion, $"{net.Spec.TorchvisionName}, {net.NumClasses} classes, eval mode.");
    }

    private static string ProducerVersion =>
        typeof(ResNetOnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
