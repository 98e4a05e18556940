namespace MlNetResNet.Weights.PyTorch;

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
