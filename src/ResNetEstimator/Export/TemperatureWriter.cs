using MlNetResNet.Onnx;

namespace MlNetResNet.Export;

/// <summary>Writes the calibration temperature into the graph: <c>logits / T</c> before the softmax.</summary>
internal static class TemperatureWriter
{
    /// <summary>The initializer holding T, so that readers of the graph can find the temperature it was saved with.</summary>
    public const string InitializerName = "calibration.temperature";

    /// <summary>Returns the tensor the softmax reads: <paramref name="logits"/> itself when T = 1.</summary>
    public static string Write(OnnxGraphBuilder graph, string logits, double temperature)
    {
        if (temperature == 1) return logits;
        string t = graph.AddInitializer(InitializerName, [(float)temperature]);
        return graph.AddNode("Div", [logits, t]);
    }
}
