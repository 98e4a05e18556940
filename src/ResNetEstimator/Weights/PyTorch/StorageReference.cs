namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// A storage the pickle points at by persistent id, already checked against the file: <see cref="ElementCount"/>
/// elements of <see cref="Type"/> fit in the bytes the file holds for <see cref="RootKey"/>.
/// Legacy files may point at a slice (<see cref="RootElementOffset"/>) of a root storage of
/// <see cref="RootElementCount"/> elements; otherwise the storage is its own root.
/// </summary>
internal sealed record StorageReference(
    string Key, StorageType Type, long ElementCount, string RootKey, long RootElementOffset, long RootElementCount)
{
    public static StorageReference Root(string key, StorageType type, long elementCount) =>
        new(key, type, elementCount, key, 0, elementCount);
}
