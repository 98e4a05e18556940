namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>One row of the ablation: its name and what it sets on top of the common options.</summary>
internal sealed record AblationRow(string Name, Action<ResNetClassifierOptions> Configure);
