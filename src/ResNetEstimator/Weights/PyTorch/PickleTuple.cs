namespace MlNetResNet.Weights.PyTorch;

/// <summary>A Python tuple (torch's rebuild functions take their sizes and strides as tuples).</summary>
internal sealed class PickleTuple(object?[] items)
{
    public object?[] Items { get; } = items;

    public int Count => Items.Length;

    public object? this[int index] => Items[index];
}
