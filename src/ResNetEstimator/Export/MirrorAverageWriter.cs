using MlNetResNet.Onnx;

namespace MlNetResNet.Export;

/// <summary>
/// Test-time augmentation in the graph: the network runs once on the batch stacked with its mirror image
/// (<c>Concat</c> of x and <c>Slice</c> with step −1 on the width), and the two halves of the logits are averaged.
/// Only standard opset-13 operators, so ML.NET's OnnxTransformer and any ONNX runtime score it.
/// </summary>
internal static class MirrorAverageWriter
{
    /// <summary>Returns [x; mirror(x)] along the batch axis: 2N images.</summary>
    public static string StackMirror(OnnxGraphBuilder graph, string input)
    {
        string starts = graph.AddInitializer(graph.UniqueName("tta.mirror.starts"), [-1L], 1);
        string ends = graph.AddInitializer(graph.UniqueName("tta.mirror.ends"), [-long.MaxValue], 1);
        string axes = graph.AddInitializer(graph.UniqueName("tta.mirror.axes"), [3L], 1);
        string steps = graph.AddInitializer(graph.UniqueName("tta.mirror.steps"), [-1L], 1);
        string mirrored = graph.AddNode("Slice", [input, starts, ends, axes, steps]);
        return graph.AddNode("Concat", [input, mirrored], OnnxAttribute.Int("axis", 0));
    }

    /// <summary>Returns the mean of the two halves of [2N, classes] logits: [N, classes].</summary>
    public static string AverageHalves(OnnxGraphBuilder graph, string logits, int classes)
    {
        string shape = graph.AddInitializer(graph.UniqueName("tta.halves.shape"), [2L, -1L, classes], 3);
        string halves = graph.AddNode("Reshape", [logits, shape]);
        string first = graph.AddNode("Gather", [halves, graph.AddInitializer(graph.UniqueName("tta.first"), [0L])], OnnxAttribute.Int("axis", 0));
        string second = graph.AddNode("Gather", [halves, graph.AddInitializer(graph.UniqueName("tta.second"), [1L])], OnnxAttribute.Int("axis", 0));
        string sum = graph.AddNode("Add", [first, second]);
        return graph.AddNode("Mul", [sum, graph.AddInitializer(graph.UniqueName("tta.half"), [0.5f])]);
    }
}
