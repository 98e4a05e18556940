namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Finds the state dict in an unpickled checkpoint: the top-level dict itself when it maps names to tensors,
/// otherwise the dict under one of the keys training scripts wrap it in.
/// </summary>
internal static class StateDictLocator
{
    /// <summary>Keys checked, in order, when the top level is a wrapper such as <c>{"state_dict": ..., "epoch": 3}</c>.</summary>
    public static readonly string[] WrapperKeys = { "state_dict", "model", "model_state_dict" };

    public static (IReadOnlyList<KeyValuePair<string, TensorReference>> Entries, string? WrapperKey) Find(object? root, string file)
    {
        if (root is not PickleDict top)
            throw new PyTorchCheckpointException(file, $"the checkpoint holds {PickleTypeNames.WithArticle(root)}, not a dict of tensors.");
        if (top.Count == 0 || top.Entries.Any(e => e.Value is TensorReference)) return (Tensors(top, file, "the state dict"), null);

        foreach (var key in WrapperKeys)
        {
            if (top.TryGet(key, out var inner) && inner is PickleDict dict)
                return (Tensors(dict, file, $"the state dict under '{key}'"), key);
        }
        var keys = string.Join(", ", top.Entries.Take(20).Select(e => PickleTypeNames.Quote(e.Key)));
        throw new PyTorchCheckpointException(file,
            $"no state dict found: the top-level dict has keys {keys} and none of {string.Join(", ", WrapperKeys.Select(k => $"'{k}'"))} holds a dict of tensors.");
    }

    private static List<KeyValuePair<string, TensorReference>> Tensors(PickleDict dict, string file, string where)
    {
        var entries = new List<KeyValuePair<string, TensorReference>>(dict.Count);
        foreach (var (key, value) in dict.Entries)
        {
            if (key is not string name)
                throw new PyTorchCheckpointException(file, $"{where} has {PickleTypeNames.WithArticle(key)} key; state dict keys are strings.");
            if (value is not TensorReference tensor)
                throw new PyTorchCheckpointException(file, $"{where} maps '{PickleTypeNames.Shorten(name)}' to {PickleTypeNames.WithArticle(value)}, not a tensor.");
            entries.Add(new(name, tensor));
        }
        return entries;
    }
}
