using MlNetResNet.Models;

namespace MlNetResNet;

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
    /// <summary>Output channels of a block relative to its base width, as the block class defines it.</summary>
    public int Expansion => Block == BlockKind.Basic ? BasicBlock.Expansion : Bottleneck.Expansion;

    /// <summary>Width of the pooled feature vector that feeds <c>fc</c>.</summary>
    public int FeatureDimension => 512 * Expansion;
}
