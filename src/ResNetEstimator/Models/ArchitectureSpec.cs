namespace MlNetResNet;

/// <summary>Which residual block a network stacks.</summary>
public enum BlockKind
{
    /// <summary>Two 3×3 convolutions (ResNet-18/34); expansion 1.</summary>
    Basic,
    /// <summary>1×1 → 3×3 → 1×1 with expansion 4, stride on the 3×3 ("v1.5").</summary>
    Bottleneck,
}

/// <summary>Everything that distinguishes one family member from another.</summary>
/// <param name="Architecture">The enum member.</param>
/// <param name="TorchvisionName">torchvision's constructor name, e.g. <c>resnext50_32x4d</c>.</param>
/// <param name="Block">Residual block type.</param>
/// <param name="Layers">Blocks per stage (layer1..layer4).</param>
/// <param name="Groups">Grouped-convolution groups of the 3×3 in a bottleneck.</param>
/// <param name="WidthPerGroup">Channels per group; 64 is plain ResNet, 128 is "wide".</param>
public sealed record ArchitectureSpec(
    ResNetArchitecture Architecture, string TorchvisionName, BlockKind Block,
    int[] Layers, int Groups, int WidthPerGroup)
{
    /// <summary>Output channels of a block relative to its base width.</summary>
    public int Expansion => Block == BlockKind.Basic ? 1 : 4;

    /// <summary>Width of the pooled feature vector that feeds <c>fc</c>.</summary>
    public int FeatureDimension => 512 * Expansion;
}
