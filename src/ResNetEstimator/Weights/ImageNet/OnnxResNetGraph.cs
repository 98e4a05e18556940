using MlNetResNet.Onnx.Proto;

using MlNetResNet.Onnx;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>
/// The structure of a ResNet found by walking an ONNX graph from its first convolution: stem Conv→BN→Relu→
/// MaxPool, then residual blocks (a Conv/BN chain and an identity or Conv/BN shortcut meeting at Add→Relu),
/// then global pooling and an optional Gemm. Nothing depends on node or initializer names; stages are
/// delimited by the blocks that downsample.
/// </summary>
internal sealed class OnnxResNetGraph
{
    private OnnxResNetGraph(string source, OnnxConvNorm stem, NodeProto pool, IReadOnlyList<OnnxResidualBlock> blocks, OnnxLinearHead? head)
    {
        Source = source;
        Stem = stem;
        Pool = pool;
        Blocks = blocks;
        Head = head;
    }

    public string Source { get; }
    public OnnxConvNorm Stem { get; }
    public NodeProto Pool { get; }
    public IReadOnlyList<OnnxResidualBlock> Blocks { get; }
    public OnnxLinearHead? Head { get; }

    public int[] BlocksPerStage => Enumerable.Range(1, 4).Select(s => Blocks.Count(b => b.Stage == s)).ToArray();

    public static OnnxResNetGraph Parse(ModelProto model, string source)
    {
        var index = new OnnxGraphIndex(model.Graph, source);
        var firstConv = model.Graph.Node.FirstOrDefault(n => n.OpType == "Conv")
            ?? throw new InvalidDataException($"'{source}' has no Conv node: it is not a ResNet.");
        var stem = ReadConvNorm(index, firstConv);
        var relu = index.SingleConsumer(stem.Output, "Relu", stem.Norm);
        var pool = index.SingleConsumer(relu.Output[0], "MaxPool", relu);

        var blocks = new List<OnnxResidualBlock>();
        string x = pool.Output[0];
        int stage = 1;
        while (TryReadBlock(index, x, out var main, out var shortcut, out string output))
        {
            bool downsamples = main.Concat(shortcut is null ? Array.Empty<OnnxConvNorm>() : new[] { shortcut })
                .Any(u => u.Strides.Any(s => s > 1));
            if (blocks.Count > 0 && downsamples) stage++;
            blocks.Add(new OnnxResidualBlock(stage, main, shortcut));
            x = output;
        }
        if (blocks.Count == 0) throw index.Mismatch(pool, "no residual block follows the max-pool");
        if (stage != 4)
            throw new InvalidDataException($"'{source}' has {stage} downsampling stages of residual blocks; a ResNet has 4.");
        return new OnnxResNetGraph(source, stem, pool, blocks, ReadHead(index, x));
    }

    // A block starts at tensor x when x feeds a Conv; it ends at the Relu after the Add where its branches meet.
    private static bool TryReadBlock(OnnxGraphIndex index, string x, out List<OnnxConvNorm> main, out OnnxConvNorm? shortcut, out string output)
    {
        main = new List<OnnxConvNorm>();
        shortcut = null;
        output = x;
        var consumers = index.ConsumersOf(x);
        var convs = consumers.Where(n => n.OpType == "Conv").ToList();
        if (convs.Count == 0) return false;

        var branches = convs.Select(conv => ReadBranch(index, conv)).ToList();
        var add = branches[0].Add;
        if (branches.Any(b => b.Add != add)) throw index.Mismatch(convs[0], "the branches leaving one block input meet at different Add nodes");
        if (branches.Count == 1)
        {
            if (!add.Input.Contains(x)) throw index.Mismatch(add, $"a block without a projection must add its input '{x}'");
            main = branches[0].Units;
        }
        else if (branches.Count == 2)
        {
            var ordered = branches.OrderBy(b => b.Units.Count).ToList();
            if (ordered[0].Units.Count != 1 || ordered[1].Units.Count < 2)
                throw index.Mismatch(add, "expected a one-convolution shortcut beside a main branch of two or more");
            shortcut = ordered[0].Units[0];
            main = ordered[1].Units;
        }
        else throw index.Mismatch(convs[0], $"{convs.Count} convolutions read one block input; a residual block has at most 2");
        if (consumers.Count != convs.Count + (shortcut is null ? 1 : 0))
            throw index.Mismatch(add, $"the block input '{x}' is read by nodes outside the block");
        output = index.SingleConsumer(add.Output[0], "Relu", add).Output[0];
        return true;
    }

    // Conv→BN, then (Relu→Conv→BN)* until the Add.
    private static (List<OnnxConvNorm> Units, NodeProto Add) ReadBranch(OnnxGraphIndex index, NodeProto conv)
    {
        var units = new List<OnnxConvNorm>();
        while (true)
        {
            var unit = ReadConvNorm(index, conv);
            units.Add(unit);
            var next = index.ConsumersOf(unit.Output);
            if (next.Count != 1) throw index.Mismatch(unit.Norm, $"its output feeds {next.Count} nodes inside a residual branch");
            if (next[0].OpType == "Add") return (units, next[0]);
            if (next[0].OpType != "Relu") throw index.Mismatch(next[0], "expected Relu or the residual Add after a batch norm");
            conv = index.SingleConsumer(next[0].Output[0], "Conv", next[0]);
        }
    }

    private static OnnxConvNorm ReadConvNorm(OnnxGraphIndex index, NodeProto conv)
    {
        string autoPad = OnnxGraphIndex.Text(conv, "auto_pad", "NOTSET");
        if (autoPad != "NOTSET") throw index.Mismatch(conv, $"auto_pad {autoPad} is not supported (explicit pads are)");
        var next = index.ConsumersOf(conv.Output[0]);
        if (next.Count != 1 || next[0].OpType != "BatchNormalization")
            throw index.Mismatch(conv, "it is not followed by a BatchNormalization (a graph with batch norm folded into its convolutions cannot be split back)");
        var norm = next[0];
        return new OnnxConvNorm(conv, index.Constant(conv, 1, "weight"), index.OptionalConstant(conv, 2, "bias"),
            norm, index.Constant(norm, 1, "scale"), index.Constant(norm, 2, "bias"),
            index.Constant(norm, 3, "mean"), index.Constant(norm, 4, "variance"),
            OnnxGraphIndex.Float(norm, "epsilon", 1e-5f));
    }

    // GlobalAveragePool/AveragePool, optionally Flatten/Reshape, then a Gemm with stored weights.
    private static OnnxLinearHead? ReadHead(OnnxGraphIndex index, string x)
    {
        var consumers = index.ConsumersOf(x);
        var pool = consumers.FirstOrDefault(n => n.OpType is "GlobalAveragePool" or "AveragePool" or "ReduceMean");
        if (pool is null) return null;
        var next = index.ConsumersOf(pool.Output[0]);
        while (next.Count == 1 && next[0].OpType is "Flatten" or "Reshape" or "Squeeze")
            next = index.ConsumersOf(next[0].Output[0]);
        if (next.Count != 1 || next[0].OpType != "Gemm") return null;
        var gemm = next[0];
        if (OnnxGraphIndex.Int(gemm, "transA", 0) != 0) throw index.Mismatch(gemm, "transA=1 is not a classifier layout");
        float alpha = OnnxGraphIndex.Float(gemm, "alpha", 1f), beta = OnnxGraphIndex.Float(gemm, "beta", 1f);
        if (alpha != 1f || beta != 1f) throw index.Mismatch(gemm, "alpha/beta other than 1 are not supported");
        return new OnnxLinearHead(gemm, index.Constant(gemm, 1, "weight"), index.OptionalConstant(gemm, 2, "bias"),
            OnnxGraphIndex.Int(gemm, "transB", 0) != 0);
    }
}
