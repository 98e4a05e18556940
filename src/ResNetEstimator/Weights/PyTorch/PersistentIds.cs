using System.Text;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>Parses and cross-checks storage persistent ids (shared by the zip and legacy readers).</summary>
internal static class PersistentIds
{
    public static PersistentId Parse(object? persistentId, int arity, string file)
    {
        if (persistentId is not PickleTuple id || id.Count == 0)
            throw new PyTorchCheckpointException(file, $"a persistent id is {PickleTypeNames.WithArticle(persistentId)}, not a tuple.");
        string kind = Text(id[0]) ?? "?";
        if (kind != "storage")
            throw new PyTorchCheckpointException(file, $"a persistent id of kind '{kind}' (only 'storage' is read; 'module' means a whole pickled model).");
        if (id.Count != arity)
            throw new PyTorchCheckpointException(file, $"a storage persistent id has {id.Count} fields, expected {arity}.");
        if (id[1] is not PickleGlobal { Kind: AllowedGlobal.Storage } global || !StorageTypes.TryGet(global.Name, out var type))
            throw new PyTorchCheckpointException(file,
                $"a storage is typed {PickleTypeNames.Describe(id[1])}; supported: {StorageTypes.SupportedNames}.");
        string key = Text(id[2]) ?? throw new PyTorchCheckpointException(file, "a storage key is not a string.");
        if (id[4] is not long count || count < 0)
            throw new PyTorchCheckpointException(file, $"storage '{key}' has a size that is {PickleTypeNames.WithArticle(id[4])}, not a non-negative int.");
        return new PersistentId(type, key, count, arity > 5 ? id[5] : null);
    }

    /// <summary>Bytes the storage occupies, refusing sizes that overflow.</summary>
    public static long ByteCount(PersistentId id, string file)
    {
        try { return checked(id.ElementCount * id.Type.ElementSize); }
        catch (OverflowException)
        {
            throw new PyTorchCheckpointException(file, $"storage '{id.Key}' declares {id.ElementCount} elements, which overflows 64 bits.");
        }
    }

    /// <summary>A key seen again must name the same storage.</summary>
    public static StorageReference SameAs(StorageReference known, PersistentId id, string file) =>
        known.Type == id.Type && known.ElementCount == id.ElementCount
            ? known
            : throw new PyTorchCheckpointException(file, $"storage '{id.Key}' is declared twice with different types or sizes.");

    // Python 2 pickles hold str as bytes; torch decodes them as ASCII.
    private static string? Text(object? value) => value switch
    {
        string s => s,
        byte[] b => Encoding.ASCII.GetString(b),
        _ => null,
    };
}
