namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// A tensor described by the pickle (storage, offset, sizes, strides) but not yet read: nothing is allocated until
/// every reference in the file has passed <see cref="Create"/>.
/// </summary>
internal sealed class TensorReference
{
    private const int MaxDimensions = 64;

    private TensorReference(StorageReference storage, long offset, long[] size, long[] stride)
    {
        Storage = storage;
        Offset = offset;
        Size = size;
        Stride = stride;
    }

    public StorageReference Storage { get; }

    public long Offset { get; }

    public long[] Size { get; }

    public long[] Stride { get; }

    /// <summary>Checks that every element the view can address lies inside its storage.</summary>
    public static TensorReference Create(StorageReference storage, long offset, long[] size, long[] stride, string file)
    {
        string where = $"tensor on storage '{storage.Key}' (size [{string.Join(", ", size)}], stride [{string.Join(", ", stride)}], offset {offset})";
        if (size.Length != stride.Length)
            throw new PyTorchCheckpointException(file, $"{where}: sizes and strides differ in length.");
        if (size.Length > MaxDimensions)
            throw new PyTorchCheckpointException(file, $"{where}: more than {MaxDimensions} dimensions.");
        if (offset < 0 || size.Any(s => s < 0) || stride.Any(s => s < 0))
            throw new PyTorchCheckpointException(file, $"{where}: negative size, stride or offset.");
        if (size.Any(s => s == 0)) return new TensorReference(storage, offset, size, stride);
        try
        {
            long last = offset, count = 1;
            for (int i = 0; i < size.Length; i++)
            {
                last = checked(last + (size[i] - 1) * stride[i]);
                count = checked(count * size[i]);
            }
            if (last >= storage.ElementCount)
                throw new PyTorchCheckpointException(file,
                    $"{where} reaches element {last}, but the storage holds only {storage.ElementCount} elements.");
        }
        catch (OverflowException)
        {
            throw new PyTorchCheckpointException(file, $"{where}: the addressed range overflows 64 bits.");
        }
        return new TensorReference(storage, offset, size, stride);
    }
}
