namespace MlNetResNet.Export;

/// <summary>
/// One residual block: the convolutions of its main branch in order (2 for BasicBlock, 3 for Bottleneck) and
/// its projection shortcut (null for identity). <see cref="Stage"/> is 1..4 (layer1..layer4).
/// </summary>
internal sealed record ResidualBlock(string Path, int Stage, int Index, IReadOnlyList<ConvNorm> Main, ConvNorm? Shortcut);
