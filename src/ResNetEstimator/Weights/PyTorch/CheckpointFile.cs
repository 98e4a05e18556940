namespace MlNetResNet.Weights.PyTorch;

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
