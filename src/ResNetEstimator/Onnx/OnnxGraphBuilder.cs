using System.Globalization;
using MlNetResNet.Onnx.Proto;
using static TorchSharp.torch;

namespace MlNetResNet.Onnx;

/// <summary>
/// Builds an ONNX graph node by node, in topological order. Checks as it goes that every node input already
/// exists (graph input, initializer or an earlier node's output) and that tensor and node names are unique, so
/// a graph it builds is well formed. <see cref="Export.ResNetOnnxExporter"/> builds the network with it and hands it to
/// <see cref="Export.OnnxExportOptions.ExtendGraph"/> so callers can append nodes and outputs (e.g. an ArgMax).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>ONNX operator-set domain of the default operators.</summary>
    public const string DefaultDomain = "";

    /// <summary>ONNX operator-set domain of the classic ML operators (LabelEncoder, ...).</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly GraphProto graph;
    private readonly HashSet<string> tensors = new(StringComparer.Ordinal);
    private readonly HashSet<string> nodeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> opsets = new(StringComparer.Ordinal);
    private int nameCounter;
    private bool finished;

    /// <summary>Starts an empty graph that uses the default domain at <paramref name="opset"/>.</summary>
    public OnnxGraphBuilder(string graphName, long opset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        if (opset < 13) throw new ArgumentOutOfRangeException(nameof(opset), opset, "Opset 13 or newer is required.");
        graph = new GraphProto { Name = graphName };
        opsets[DefaultDomain] = opset;
    }

    /// <summary>The opset version of the default domain.</summary>
    public long Opset => opsets[DefaultDomain];

    /// <summary>Number of nodes added so far.</summary>
    public int NodeCount => graph.Node.Count;

    /// <summary>Names of the graph outputs declared so far.</summary>
    public IReadOnlyList<string> OutputNames => graph.Output.Select(o => o.Name).ToArray();

    /// <summary>True when a graph input, initializer or node output is named <paramref name="name"/>.</summary>
    public bool HasTensor(string name) => tensors.Contains(name);

    /// <summary>Declares that the graph uses <paramref name="domain"/> at least at <paramref name="version"/>.</summary>
    public void RequireOpset(string domain, long version)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (!opsets.TryGetValue(domain, out long current) || current < version) opsets[domain] = version;
    }

    /// <summary>A tensor/node name starting with <paramref name="stem"/> not used yet in this graph.</summary>
    public string UniqueName(string stem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stem);
        string name;
        do name = $"{stem}_{(nameCounter++).ToString(CultureInfo.InvariantCulture)}";
        while (tensors.Contains(name) || nodeNames.Contains(name));
        return name;
    }

    /// <summary>Adds a graph input; use a symbolic <see cref="OnnxDim"/> (e.g. "N") for a dynamic batch.</summary>
    public string AddInput(string name, OnnxElementType type, params OnnxDim[] shape)
    {
        ClaimTensor(name);
        graph.Input.Add(ValueInfo(name, type, shape));
        return name;
    }

    /// <summary>Declares an existing tensor as a graph output.</summary>
    public void AddOutput(string name, OnnxElementType type, params OnnxDim[] shape)
    {
        EnsureOpen();
        if (!tensors.Contains(name)) throw new InvalidOperationException($"Cannot output '{name}': no node produces it.");
        if (graph.Output.Any(o => o.Name == name)) throw new InvalidOperationException($"'{name}' is already a graph output.");
        graph.Output.Add(ValueInfo(name, type, shape));
    }

    /// <summary>Adds a float32 constant tensor (weights, normalization constants).</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims) =>
        AddInitializer(OnnxTensorData.FromFloats(name, values, dims));

    /// <summary>Adds an int64 constant tensor (Slice bounds, shapes).</summary>
    public string AddInitializer(string name, ReadOnlySpan<long> values, params long[] dims) =>
        AddInitializer(OnnxTensorData.FromInt64s(name, values, dims));

    /// <summary>Adds a float32 copy of a TorchSharp tensor.</summary>
    internal string AddInitializer(string name, Tensor values) => AddInitializer(OnnxTensorData.FromTensor(name, values));

    internal string AddInitializer(TensorProto tensor)
    {
        ClaimTensor(tensor.Name);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node of the default domain with one output, named automatically; returns that output's name.</summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        string output = UniqueName(opType);
        AddNode(opType, inputs, new[] { output }, output, DefaultDomain, attributes);
        return output;
    }

    /// <summary>
    /// Adds a node with explicit output names, node name (null: unnamed) and domain. An empty input name
    /// skips an optional input, as ONNX allows.
    /// </summary>
    public void AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string? nodeName,
        string domain, params OnnxAttribute[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        EnsureOpen();
        if (!opsets.ContainsKey(domain))
            throw new InvalidOperationException($"Node {opType} uses domain '{domain}': call RequireOpset for it first.");
        foreach (var input in inputs)
        {
            if (input.Length > 0 && !tensors.Contains(input))
                throw new InvalidOperationException($"Node {opType} reads '{input}', which no earlier node, input or initializer produces.");
        }
        if (nodeName is not null && !nodeNames.Add(nodeName))
            throw new InvalidOperationException($"A node named '{nodeName}' already exists.");
        foreach (var output in outputs) ClaimTensor(output);

        var node = new NodeProto { OpType = opType, Domain = domain };
        if (nodeName is not null) node.Name = nodeName;
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes.Select(a => a.Proto));
        graph.Node.Add(node);
    }

    /// <summary>
    /// The finished model: IR version 8, with the opsets used. Hands over the graph without copying the
    /// weights, so the builder cannot be used afterwards.
    /// </summary>
    internal ModelProto ToModel(string producerName, string producerVersion, string? docString = null)
    {
        EnsureOpen();
        if (graph.Output.Count == 0) throw new InvalidOperationException("The graph has no outputs.");
        finished = true;
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = producerName,
            ProducerVersion = producerVersion,
            Graph = graph,
        };
        if (docString is not null) model.DocString = docString;
        foreach (var (domain, version) in opsets.OrderBy(p => p.Key, StringComparer.Ordinal))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        return model;
    }

    private void EnsureOpen()
    {
        if (finished) throw new InvalidOperationException("This graph has already been turned into a model.");
    }

    private void ClaimTensor(string name)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!tensors.Add(name)) throw new InvalidOperationException($"A tensor named '{name}' already exists in the graph.");
    }

    private static ValueInfoProto ValueInfo(string name, OnnxElementType type, OnnxDim[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
        {
            var d = new TensorShapeProto.Types.Dimension();
            if (dim.Symbol is not null) d.DimParam = dim.Symbol;
            else d.DimValue = dim.Value ?? throw new ArgumentException($"Shape of '{name}' has an empty dimension.");
            tensorShape.Dim.Add(d);
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }
}
