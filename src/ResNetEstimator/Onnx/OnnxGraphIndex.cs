using MlNetResNet.Onnx.Proto;

namespace MlNetResNet.Onnx;

/// <summary>
/// Lookups over an ONNX graph: which node consumes a tensor, which tensors are constants (initializers or
/// Constant nodes), and typed attribute access; errors name the file and the node.
/// </summary>
internal sealed class OnnxGraphIndex
{
    private readonly Dictionary<string, List<NodeProto>> consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> constants = new(StringComparer.Ordinal);

    public OnnxGraphIndex(GraphProto graph, string source)
    {
        Graph = graph;
        Source = source;
        foreach (var initializer in graph.Initializer) constants[initializer.Name] = initializer;
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input.Where(i => i.Length > 0))
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = new List<NodeProto>();
                list.Add(node);
            }
            if (node.OpType == "Constant" && node.Attribute.FirstOrDefault(a => a.Name == "value") is { T: { } value })
                constants[node.Output[0]] = value;
        }
    }

    public GraphProto Graph { get; }

    /// <summary>The file the graph came from, for messages.</summary>
    public string Source { get; }

    /// <summary>Nodes reading <paramref name="tensor"/>, in graph order.</summary>
    public IReadOnlyList<NodeProto> ConsumersOf(string tensor) =>
        consumers.TryGetValue(tensor, out var list) ? list : Array.Empty<NodeProto>();

    /// <summary>The single node reading <paramref name="tensor"/>, which must have type <paramref name="opType"/>.</summary>
    public NodeProto SingleConsumer(string tensor, string opType, NodeProto after)
    {
        var next = ConsumersOf(tensor);
        if (next.Count != 1 || next[0].OpType != opType)
        {
            string found = next.Count == 0 ? "nothing" : string.Join(", ", next.Select(Describe));
            throw Mismatch(after, $"expected its output to feed one {opType} node, found {found}");
        }
        return next[0];
    }

    /// <summary>The constant tensor that input <paramref name="index"/> of <paramref name="node"/> names.</summary>
    public TensorProto Constant(NodeProto node, int index, string what)
    {
        if (index >= node.Input.Count || node.Input[index].Length == 0)
            throw Mismatch(node, $"has no {what} input");
        return constants.TryGetValue(node.Input[index], out var tensor)
            ? tensor
            : throw Mismatch(node, $"its {what} '{node.Input[index]}' is computed, not a stored weight");
    }

    /// <summary>The optional constant at input <paramref name="index"/>, or null when absent.</summary>
    public TensorProto? OptionalConstant(NodeProto node, int index, string what) =>
        index < node.Input.Count && node.Input[index].Length > 0 ? Constant(node, index, what) : null;

    public static long[] Ints(NodeProto node, string name, long[] fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.Ints.ToArray() : fallback;

    public static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.I : fallback;

    public static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.F : fallback;

    public static string Text(NodeProto node, string name, string fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.S.ToStringUtf8() : fallback;

    public static string Describe(NodeProto node) =>
        node.Name.Length > 0 ? $"{node.OpType} '{node.Name}'" : $"{node.OpType} -> '{node.Output.FirstOrDefault()}'";

    /// <summary>An error saying the graph does not have the expected ResNet shape at <paramref name="node"/>.</summary>
    public InvalidDataException Mismatch(NodeProto node, string problem) =>
        new($"'{Source}' is not a ResNet graph this importer understands: at {Describe(node)}, {problem}.");
}
