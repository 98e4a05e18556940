namespace MlNetResNet.Weights.ImageNet;

/// <summary>A residual block found in the graph; <see cref="Stage"/> is 1..4.</summary>
internal sealed record OnnxResidualBlock(int Stage, IReadOnlyList<OnnxConvNorm> Main, OnnxConvNorm? Shortcut);
