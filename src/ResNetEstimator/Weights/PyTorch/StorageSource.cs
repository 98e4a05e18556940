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

/// <summary>A checkpoint whose pickle has been read and checked; the storages are still on disk.</summary>
internal sealed class CheckpointFile : IDisposable
{
    private readonly IDisposable owner;

    public CheckpointFile(string path, string format, object? root, IStorageSource storages, IDisposable owner)
    {
        Path = path;
        Format = format;
        Root = root;
        Storages = storages;
        this.owner = owner;
    }

    public string Path { get; }

    /// <summary>"zip" or "legacy", for reports.</summary>
    public string Format { get; }

    /// <summary>The unpickled object: dicts, lists, scalars and <see cref="TensorReference"/>s.</summary>
    public object? Root { get; }

    public IStorageSource Storages { get; }

    public void Dispose() => owner.Dispose();
}
