using MlNetResNet.Export;
using MlNetResNet.Onnx;
using MlNetResNet.Onnx.Proto;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetResNet.Weights.ImageNet;

/// <summary>
/// Copies the tensors of a walked ONNX ResNet graph into our network, unit by unit in module order, after
/// checking that every shape, stride, group and padding agrees. Nothing is written until all checks passed,
/// so a mismatch never leaves a half-loaded network.
/// </summary>
internal static class OnnxResNetWeightCopier
{
    public static OnnxWeightImportReport Copy(ResNet net, OnnxResNetGraph graph)
    {
        var layout = ResNetLayout.Of(net);
        string source = graph.Source;
        if (!layout.BlocksPerStage.SequenceEqual(graph.BlocksPerStage))
            throw new InvalidDataException(
                $"'{source}' has [{string.Join(", ", graph.BlocksPerStage)}] residual blocks per stage but the network " +
                $"({net.Spec.TorchvisionName}) has [{string.Join(", ", layout.BlocksPerStage)}].");

        var pairs = new List<(ConvNorm Ours, OnnxConvNorm Theirs)> { (layout.Stem, graph.Stem) };
        for (int i = 0; i < layout.Blocks.Count; i++)
        {
            var ours = layout.Blocks[i];
            var theirs = graph.Blocks[i];
            if (ours.Main.Count != theirs.Main.Count)
                throw new InvalidDataException(
                    $"'{source}': block {i} has {theirs.Main.Count} convolutions in its branch but {ours.Path} has {ours.Main.Count}.");
            if ((ours.Shortcut is null) != (theirs.Shortcut is null))
                throw new InvalidDataException(
                    $"'{source}': block {i} {(theirs.Shortcut is null ? "has an identity shortcut" : "has a projection shortcut")} " +
                    $"but {ours.Path} {(ours.Shortcut is null ? "has none" : "projects")}.");
            pairs.AddRange(ours.Main.Zip(theirs.Main));
            if (ours.Shortcut is not null) pairs.Add((ours.Shortcut, theirs.Shortcut!));
        }

        var notes = new List<string>();
        int asymmetric = pairs.Count(p => CheckGeometry(p.Ours, p.Theirs, source));
        CheckPool(layout.Pool, graph.Pool, source, ref asymmetric);
        if (asymmetric > 0)
            notes.Add($"{asymmetric} convolution/pooling nodes pad less at the end than at the start; they equal our symmetric padding on even feature-map sizes (e.g. 224×224 input)");
        bool loadHead = CheckHead(net, graph, notes);

        using (no_grad())
        {
            foreach (var (ours, theirs) in pairs) CopyUnit(ours, theirs, source, notes);
            if (loadHead) CopyHead(net.Head!, graph.Head!, source);
        }
        return new OnnxWeightImportReport(source, pairs.Count, pairs.Count, loadHead, graph.BlocksPerStage, notes.Distinct().ToArray());
    }

    // Returns true when the ONNX pads are asymmetric (end smaller than start).
    private static bool CheckGeometry(ConvNorm ours, OnnxConvNorm theirs, string source)
    {
        var conv = ours.Conv;
        var expectedShape = conv.weight!.shape;
        if (!theirs.Weight.Dims.SequenceEqual(expectedShape))
            throw Mismatch(source, theirs.Conv, $"weight [{string.Join(", ", theirs.Weight.Dims)}] does not fit {ours.Path}.weight [{string.Join(", ", expectedShape)}]");
        if (theirs.Group != conv.groups) throw Mismatch(source, theirs.Conv, $"group {theirs.Group} differs from {ours.Path}'s {conv.groups}");
        if (!theirs.Strides.SequenceEqual(Pair(conv.stride))) throw Mismatch(source, theirs.Conv, $"strides [{string.Join(", ", theirs.Strides)}] differ from {ours.Path}'s");
        if (!theirs.Dilations.SequenceEqual(Pair(conv.dilation))) throw Mismatch(source, theirs.Conv, $"dilations differ from {ours.Path}'s");
        long channels = ours.Norm.num_features;
        foreach (var tensor in new[] { theirs.Scale, theirs.Shift, theirs.Mean, theirs.Variance })
        {
            if (OnnxTensorData.ElementCount(tensor) != channels)
                throw Mismatch(source, theirs.Norm, $"'{tensor.Name}' has {OnnxTensorData.ElementCount(tensor)} values for {channels} channels of {ours.NormPath}");
        }
        return CheckPads(theirs.Pads, Pair(conv.padding ?? new long[] { 0 }), theirs.Conv, ours.Path, source);
    }

    private static void CheckPool(MaxPool2d ours, NodeProto theirs, string source, ref int asymmetric)
    {
        if (!OnnxGraphIndex.Ints(theirs, "kernel_shape", Array.Empty<long>()).SequenceEqual(Pair(ours.kernel_size)) ||
            !OnnxGraphIndex.Ints(theirs, "strides", new long[] { 1, 1 }).SequenceEqual(Pair(ours.stride ?? ours.kernel_size)))
            throw Mismatch(source, theirs, "kernel or strides differ from maxpool's");
        if (CheckPads(OnnxGraphIndex.Ints(theirs, "pads", new long[] { 0, 0, 0, 0 }), Pair(ours.padding ?? new long[] { 0 }), theirs, "maxpool", source))
            asymmetric++;
    }

    private static bool CheckPads(long[] pads, long[] ours, NodeProto node, string path, string source)
    {
        if (pads.Length != 4 || pads[0] != ours[0] || pads[1] != ours[1] || pads[2] > ours[0] || pads[3] > ours[1])
            throw Mismatch(source, node, $"pads [{string.Join(", ", pads)}] do not match {path}'s padding {ours[0]}");
        return pads[2] != pads[0] || pads[3] != pads[1];
    }

    private static bool CheckHead(ResNet net, OnnxResNetGraph graph, List<string> notes)
    {
        if (graph.Head is null)
        {
            if (net.Head is not null) notes.Add("the graph ends at the pooled features: fc keeps its fresh initialisation");
            return false;
        }
        if (net.Head is null)
        {
            notes.Add("the graph's classifier was not loaded: the network has no fc");
            return false;
        }
        var dims = graph.Head.Weight.Dims.ToArray();
        if (!graph.Head.WeightIsTransposed) Array.Reverse(dims);
        if (!dims.SequenceEqual(net.Head.weight!.shape))
            throw Mismatch(graph.Source, graph.Head.Gemm,
                $"classifier weight is {dims[0]}×{dims[1]} (classes × features) but fc is {net.Head.weight!.shape[0]}×{net.Head.weight.shape[1]}");
        return true;
    }

    private static void CopyUnit(ConvNorm ours, OnnxConvNorm theirs, string source, List<string> notes)
    {
        using var scope = NewDisposeScope();
        ours.Conv.weight!.copy_(tensor(OnnxTensorData.ReadFloats(theirs.Weight, source), ours.Conv.weight.shape));
        var norm = ours.Norm;
        norm.weight!.copy_(tensor(OnnxTensorData.ReadFloats(theirs.Scale, source)));
        norm.bias!.copy_(tensor(OnnxTensorData.ReadFloats(theirs.Shift, source)));
        var mean = tensor(OnnxTensorData.ReadFloats(theirs.Mean, source));
        var variance = tensor(OnnxTensorData.ReadFloats(theirs.Variance, source));
        if (theirs.Bias is not null)
        {
            // Our convolutions have no bias: BN(conv + b) normalizes with mean − b instead.
            mean = mean - tensor(OnnxTensorData.ReadFloats(theirs.Bias, source));
            notes.Add("convolution biases were moved into the following batch norm's running mean");
        }
        double epsilonShift = theirs.Epsilon - norm.eps;
        if (Math.Abs(epsilonShift) > 1e-9)
        {
            // Same √(σ² + ε) with our ε: add the difference to the variance.
            variance = variance + epsilonShift;
            notes.Add($"batch-norm epsilon {theirs.Epsilon:G3} folded into the running variances (ours is {norm.eps:G3})");
        }
        norm.running_mean!.copy_(mean);
        norm.running_var!.copy_(variance);
    }

    private static void CopyHead(Linear fc, OnnxLinearHead head, string source)
    {
        using var scope = NewDisposeScope();
        var weight = tensor(OnnxTensorData.ReadFloats(head.Weight, source), head.Weight.Dims.ToArray());
        fc.weight!.copy_(head.WeightIsTransposed ? weight : weight.t());
        if (fc.bias is not null)
        {
            fc.bias.copy_(head.Bias is null ? zeros_like(fc.bias) : tensor(OnnxTensorData.ReadFloats(head.Bias, source)));
        }
    }

    private static long[] Pair(long[] values) => values.Length == 1 ? new[] { values[0], values[0] } : values;

    private static InvalidDataException Mismatch(string source, NodeProto node, string problem) =>
        new($"'{source}': {OnnxGraphIndex.Describe(node)}: {problem}.");
}
