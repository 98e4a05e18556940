using MlNetResNet.Onnx;
using TorchSharp.Modules;

namespace MlNetResNet.Export;

/// <summary>
/// Writes the network itself as ONNX nodes: Conv (+ BatchNormalization, or BN folded into the Conv) + Relu
/// per unit, MaxPool, residual Add + Relu per block, GlobalAveragePool, Flatten and the fc as Gemm.
/// Initializers are named after the state-dict keys they come from.
/// </summary>
internal sealed class ResNetGraphWriter
{
    private readonly OnnxGraphBuilder graph;
    private readonly bool foldBatchNorm;

    public ResNetGraphWriter(OnnxGraphBuilder graph, bool foldBatchNorm)
    {
        this.graph = graph;
        this.foldBatchNorm = foldBatchNorm;
    }

    /// <summary>Stem, stages and pooling: returns the <c>[N, features]</c> tensor.</summary>
    public string WriteBackbone(ResNetLayout layout, string input)
    {
        string x = WriteUnit(input, layout.Stem, relu: true);
        x = WriteMaxPool(x, layout.Pool);
        foreach (var block in layout.Blocks)
        {
            string shortcut = block.Shortcut is null ? x : WriteUnit(x, block.Shortcut, relu: false);
            string branch = x;
            for (int i = 0; i < block.Main.Count; i++) branch = WriteUnit(branch, block.Main[i], relu: i < block.Main.Count - 1);
            x = graph.AddNode("Relu", new[] { graph.AddNode("Add", new[] { branch, shortcut }) });
        }
        x = graph.AddNode("GlobalAveragePool", new[] { x });
        return graph.AddNode("Flatten", new[] { x }, OnnxAttribute.Int("axis", 1));
    }

    /// <summary>The fc layer as Gemm (<c>features · Wᵀ + b</c>): returns the logits.</summary>
    public string WriteHead(Linear fc, string features)
    {
        string weight = graph.AddInitializer("fc.weight", fc.weight!);
        var inputs = new List<string> { features, weight };
        if (fc.bias is not null) inputs.Add(graph.AddInitializer("fc.bias", fc.bias));
        return graph.AddNode("Gemm", inputs, OnnxAttribute.Int("transB", 1));
    }

    private string WriteUnit(string x, ConvNorm unit, bool relu)
    {
        var conv = unit.Conv;
        if (conv.padding_mode != TorchSharp.PaddingModes.Zeros || conv.padding is null)
            throw new NotSupportedException($"{unit.Path}: only numeric zero padding exports to ONNX.");
        long[] kernel = Pair(conv.kernel_size);
        long[] pads = Pair(conv.padding);
        var attributes = new[]
        {
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", Pair(conv.stride)),
            OnnxAttribute.Ints("pads", pads[0], pads[1], pads[0], pads[1]),
            OnnxAttribute.Ints("dilations", Pair(conv.dilation)),
            OnnxAttribute.Int("group", conv.groups),
        };
        string y;
        if (foldBatchNorm)
        {
            var (weight, bias) = BatchNormFolding.Fold(conv, unit.Norm);
            using (weight)
            using (bias)
            {
                string w = graph.AddInitializer($"{unit.Path}.weight", weight);
                string b = graph.AddInitializer($"{unit.Path}.bias", bias);
                y = graph.AddNode("Conv", new[] { x, w, b }, attributes);
            }
        }
        else
        {
            var inputs = new List<string> { x, graph.AddInitializer($"{unit.Path}.weight", conv.weight!) };
            if (conv.bias is not null) inputs.Add(graph.AddInitializer($"{unit.Path}.bias", conv.bias));
            y = graph.AddNode("Conv", inputs, attributes);
            y = WriteBatchNorm(y, unit);
        }
        return relu ? graph.AddNode("Relu", new[] { y }) : y;
    }

    private string WriteBatchNorm(string x, ConvNorm unit)
    {
        var norm = unit.Norm;
        string Param(string name, TorchSharp.torch.Tensor? value) =>
            graph.AddInitializer($"{unit.NormPath}.{name}",
                value ?? throw new InvalidOperationException($"{unit.NormPath} has no {name}: cannot export it."));
        var inputs = new[]
        {
            x, Param("weight", norm.weight), Param("bias", norm.bias),
            Param("running_mean", norm.running_mean), Param("running_var", norm.running_var),
        };
        return graph.AddNode("BatchNormalization", inputs, OnnxAttribute.Float("epsilon", (float)norm.eps));
    }

    private string WriteMaxPool(string x, MaxPool2d pool)
    {
        if (pool.ceil_mode) throw new NotSupportedException("maxpool with ceil_mode does not export.");
        long[] pads = Pair(pool.padding ?? new long[] { 0 });
        return graph.AddNode("MaxPool", new[] { x },
            OnnxAttribute.Ints("kernel_shape", Pair(pool.kernel_size)),
            OnnxAttribute.Ints("strides", Pair(pool.stride ?? pool.kernel_size)),
            OnnxAttribute.Ints("pads", pads[0], pads[1], pads[0], pads[1]));
    }

    // TorchSharp keeps a single value when a square size was given.
    private static long[] Pair(long[] values) => values.Length switch
    {
        1 => new[] { values[0], values[0] },
        2 => values,
        _ => throw new NotSupportedException($"Expected 1 or 2 spatial values, got {values.Length}."),
    };
}
