namespace MlNetResNet.Weights.PyTorch;

/// <summary>A storage persistent id as torch.save writes it: <c>('storage', type, key, location, numel[, view])</c>.</summary>
internal sealed record PersistentId(StorageType Type, string Key, long ElementCount, object? ViewMetadata);
