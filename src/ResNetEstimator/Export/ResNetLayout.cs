using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Export;

/// <summary>
/// Our network as the ordered list of units an ONNX graph is made of: stem conv/BN, max-pool, residual
/// blocks, optional fc. Read from the module tree by torchvision's names, so the ONNX exporter and the
/// ONNX weight import walk the same structure.
/// </summary>
internal sealed class ResNetLayout
{
    private ResNetLayout(ConvNorm stem, MaxPool2d pool, IReadOnlyList<ResidualBlock> blocks, Linear? head)
    {
        Stem = stem;
        Pool = pool;
        Blocks = blocks;
        Head = head;
    }

    public ConvNorm Stem { get; }
    public MaxPool2d Pool { get; }
    public IReadOnlyList<ResidualBlock> Blocks { get; }
    public Linear? Head { get; }

    /// <summary>Blocks per stage, e.g. [2, 2, 2, 2] for ResNet-18.</summary>
    public int[] BlocksPerStage => Enumerable.Range(1, 4).Select(s => Blocks.Count(b => b.Stage == s)).ToArray();

    public static ResNetLayout Of(ResNet net)
    {
        ArgumentNullException.ThrowIfNull(net);
        var children = Children(net);
        var stem = new ConvNorm("conv1", "bn1", Get<Conv2d>(children, "conv1", net.GetName()), Get<BatchNorm2d>(children, "bn1", net.GetName()));
        var pool = Get<MaxPool2d>(children, "maxpool", net.GetName());
        var blocks = new List<ResidualBlock>();
        for (int stage = 1; stage <= 4; stage++)
        {
            string stagePath = $"layer{stage}";
            var layer = Get<Sequential>(children, stagePath, net.GetName());
            int index = 0;
            foreach (var (name, block) in layer.named_children())
                blocks.Add(ReadBlock($"{stagePath}.{name}", stage, index++, block));
        }
        children.TryGetValue("fc", out var fc);
        return new ResNetLayout(stem, pool, blocks, fc as Linear);
    }

    private static ResidualBlock ReadBlock(string path, int stage, int index, Module block)
    {
        var children = Children(block);
        var main = new List<ConvNorm>();
        for (int i = 1; children.ContainsKey($"conv{i}"); i++)
        {
            main.Add(new ConvNorm($"{path}.conv{i}", $"{path}.bn{i}",
                Get<Conv2d>(children, $"conv{i}", path), Get<BatchNorm2d>(children, $"bn{i}", path)));
        }
        ConvNorm? shortcut = null;
        if (children.TryGetValue("downsample", out var downsample))
        {
            var parts = Children(downsample);
            shortcut = new ConvNorm($"{path}.downsample.0", $"{path}.downsample.1",
                Get<Conv2d>(parts, "0", $"{path}.downsample"), Get<BatchNorm2d>(parts, "1", $"{path}.downsample"));
        }
        if (main.Count is not (2 or 3))
            throw new InvalidOperationException($"Block '{path}' has {main.Count} convolutions; expected 2 (basic) or 3 (bottleneck).");
        return new ResidualBlock(path, stage, index, main, shortcut);
    }

    private static Dictionary<string, Module> Children(Module module) =>
        module.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);

    private static T Get<T>(Dictionary<string, Module> children, string name, string owner) where T : Module =>
        children.TryGetValue(name, out var module) && module is T typed
            ? typed
            : throw new InvalidOperationException($"'{owner}' has no {typeof(T).Name} named '{name}'.");
}
