using MlNetResNet.Onnx;
using MlNetResNet.Onnx.Proto;
using MlNetResNet.Scoring;

namespace MlNetResNet.Export;

/// <summary>
/// Turns the ONNX graph embedded in a saved model.zip (input: float RGB planar 0..255 <c>[N, 3, R, R]</c>, the output of
/// ML.NET's ExtractPixels) into one any client can feed without ML.NET: input <see cref="InputName"/> uint8 RGB
/// <c>[N, R, R, 3]</c> (height, width, channel: the byte order of a decoded image), output <see cref="OutputName"/>
/// float <c>[N, C]</c>. The cast and the transpose run inside the graph, ahead of the crop and normalisation the
/// graph already holds; nothing that only ML.NET needed (the arg-max one-hot, the slot-name node) is kept.
/// </summary>
public static class ClientInputGraph
{
    /// <summary>Name of the uint8 NHWC image input.</summary>
    public const string InputName = "image";

    /// <summary>Name of the softmax probabilities output.</summary>
    public const string OutputName = "probabilities";

    /// <summary>The rewritten graph.</summary>
    /// <param name="embeddedGraph">The bytes of the graph model.zip holds (see docs/MODEL_FILE.md).</param>
    /// <param name="source">How the graph is named in errors.</param>
    /// <exception cref="InvalidDataException">The graph is not the scoring graph this library writes.</exception>
    public static byte[] FromScoringGraph(byte[] embeddedGraph, string source)
    {
        ArgumentNullException.ThrowIfNull(embeddedGraph);
        using var input = new MemoryStream(embeddedGraph, writable: false);
        var model = OnnxModelFile.Read(input, source);
        var graph = model.Graph;
        var pixels = graph.Input.SingleOrDefault(i => i.Name == ScoringColumnNames.Pixels)
            ?? throw new InvalidDataException($"'{source}' has no input '{ScoringColumnNames.Pixels}'; it is not a ResNetClassifier scoring graph.");
        string probabilities = ScoringColumnNames.OnnxOutput(ScoringColumnNames.Probabilities);
        var probabilitiesOutput = graph.Output.SingleOrDefault(o => o.Name == probabilities)
            ?? throw new InvalidDataException($"'{source}' has no output '{probabilities}'.");
        var dims = pixels.Type.TensorType.Shape.Dim;
        if (dims.Count != 4 || dims[1].DimValue != 3 || dims[2].DimValue <= 0 || dims[2].DimValue != dims[3].DimValue)
            throw new InvalidDataException($"'{source}': input '{pixels.Name}' is not [N, 3, R, R].");
        long side = dims[2].DimValue;
        long classes = probabilitiesOutput.Type.TensorType.Shape.Dim[1].DimValue;

        // Cast + transpose produce the tensor the old input name stood for, so every existing node reads it unchanged.
        string asFloat = "image_as_float";
        var head = new[]
        {
            Node("Cast", [InputName], [asFloat], OnnxAttribute.Int("to", (long)OnnxElementType.Float).Proto),
            Node("Transpose", [asFloat], [pixels.Name], OnnxAttribute.Ints("perm", 0, 3, 1, 2).Proto),
        };
        var tail = Node("Identity", [probabilities], [OutputName]);
        var nodes = head.Concat(graph.Node).Append(tail).ToList();
        graph.Node.Clear();
        graph.Node.AddRange(KeepNodesFeeding(nodes, OutputName));
        graph.Input.Clear();
        graph.Input.Add(ValueInfo(InputName, OnnxElementType.UInt8, "N", side, side, 3));
        graph.Output.Clear();
        graph.Output.Add(ValueInfo(OutputName, OnnxElementType.Float, "N", classes));
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet();
        var initializers = graph.Initializer.Where(t => used.Contains(t.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(initializers);
        graph.ValueInfo.Clear();

        using var output = new MemoryStream();
        OnnxModelFile.Write(model, output);
        return output.ToArray();
    }

    // Walks back from the output: nodes whose results nothing needs (the one-hot for PredictedLabel) are dropped.
    private static IEnumerable<NodeProto> KeepNodesFeeding(List<NodeProto> nodes, string output)
    {
        var needed = new HashSet<string> { output };
        var kept = new List<NodeProto>();
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            if (!nodes[i].Output.Any(needed.Contains)) continue;
            kept.Add(nodes[i]);
            foreach (var input in nodes[i].Input) needed.Add(input);
        }
        kept.Reverse();
        return kept;
    }

    private static NodeProto Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = "client_input_" + outputs[0], Domain = OnnxGraphBuilder.DefaultDomain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType type, string batch, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batch });
        foreach (long dim in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
