namespace MlNetResNet.Weights.PyTorch;

/// <summary>A Python set or frozenset, kept as its items (only ever skipped over, never used).</summary>
internal sealed class PickleSet
{
    public List<object?> Items { get; } = new();
}
