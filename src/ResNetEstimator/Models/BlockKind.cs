namespace MlNetResNet;

/// <summary>Which residual block a network stacks.</summary>
public enum BlockKind
{
    /// <summary>Two 3×3 convolutions (ResNet-18/34); expansion 1.</summary>
    Basic,
    /// <summary>1×1 → 3×3 → 1×1 that widens its output (<see cref="Models.Bottleneck.Expansion"/>), stride on the 3×3 ("v1.5").</summary>
    Bottleneck,
}
