namespace MlNetResNet.Weights.PyTorch;

// The few Python values a state-dict pickle is made of. Lists are List<object?>, strings string, ints long,
// floats double, bytes byte[], None null; everything else has a type here.

/// <summary>A Python tuple (torch's rebuild functions take their sizes and strides as tuples).</summary>
internal sealed class PickleTuple(object?[] items)
{
    public object?[] Items { get; } = items;

    public int Count => Items.Length;

    public object? this[int index] => Items[index];
}

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

/// <summary>A Python set or frozenset, kept as its items (only ever skipped over, never used).</summary>
internal sealed class PickleSet
{
    public List<object?> Items { get; } = new();
}

/// <summary>A module-level name the pickle referred to, resolved against the allow-list.</summary>
internal sealed record PickleGlobal(string Module, string Name, AllowedGlobal Kind)
{
    public string QualifiedName => $"{Module}.{Name}";
}

/// <summary>The MARK opcode's position marker on the stack.</summary>
internal sealed class PickleMark
{
    public static readonly PickleMark Instance = new();

    private PickleMark()
    {
    }
}

/// <summary>Human words for a pickle value's Python type, for error messages (never recurses into the value).</summary>
internal static class PickleTypeNames
{
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or System.Numerics.BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        List<object?> => "list",
        PickleTuple => "tuple",
        PickleDict => "dict",
        PickleSet => "set",
        PickleGlobal g => g.QualifiedName,
        StorageReference => "storage",
        TensorReference => "tensor",
        _ => value.GetType().Name,
    };

    /// <summary>Text from the file, cut short for an error message (a key may be megabytes long).</summary>
    public static string Shorten(string text, int maxLength = 200) =>
        text.Length <= maxLength ? text : $"{text[..maxLength]}… ({text.Length} characters)";

    /// <summary>A dict key or similar scalar for an error message: quoted text, a number, or its type.</summary>
    public static string Quote(object? value) => value switch
    {
        string text => $"'{Shorten(text)}'",
        long or double or bool => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        _ => WithArticle(value),
    };

    /// <summary>The type name with "a"/"an" ("an int", "a tensor"), or "None".</summary>
    public static string WithArticle(object? value)
    {
        string name = Describe(value);
        if (value is null) return name;
        return ("aeiou".Contains(char.ToLowerInvariant(name[0])) ? "an " : "a ") + name;
    }
}
