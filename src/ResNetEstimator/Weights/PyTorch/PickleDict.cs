namespace MlNetResNet.Weights.PyTorch;

/// <summary>A Python dict or collections.OrderedDict, in insertion order as Python keeps both.</summary>
internal sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> entries = new();
    // Only hashable scalars are indexed; other keys (never in state dicts) are kept in order without de-duplication.
    // Made on the first scalar key: a pickle can hold hundreds of thousands of (nested) dicts.
    private Dictionary<object, int>? index;

    public IReadOnlyList<KeyValuePair<object?, object?>> Entries => entries;

    public int Count => entries.Count;

    public void Set(object? key, object? value)
    {
        if (key is string or long or bool or double)
        {
            index ??= new Dictionary<object, int>(SeededKeyComparer.Instance);
            if (index.TryGetValue(key, out int at))
            {
                entries[at] = new(key, value);
                return;
            }
            index[key] = entries.Count;
        }
        entries.Add(new(key, value));
    }

    public bool TryGet(string key, out object? value)
    {
        if (index is not null && index.TryGetValue(key, out int at))
        {
            value = entries[at].Value;
            return true;
        }
        value = null;
        return false;
    }
}
