namespace MlNetResNet.Weights.PyTorch;

/// <summary>Where a checkpoint keeps the raw bytes of its root storages (zip records, or runs in a legacy file).</summary>
internal interface IStorageSource
{
    /// <summary>True when the bytes are big-endian and multi-byte elements must be swapped.</summary>
    bool BigEndian { get; }

    /// <summary>
    /// A stream positioned at the first byte of <paramref name="rootKey"/>'s data; at least the storage's declared
    /// bytes were checked to be there.
    /// </summary>
    Stream OpenRoot(string rootKey);
}
