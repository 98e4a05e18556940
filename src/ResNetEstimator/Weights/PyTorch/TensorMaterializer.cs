using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Turns checked <see cref="TensorReference"/>s into CPU tensors: each root storage is read once into a 1-D tensor
/// and the entries become strided views of it, as in PyTorch. Either every tensor is built or none survives.
/// </summary>
internal static class TensorMaterializer
{
    public static OrderedDictionary<string, Tensor> Materialize(
        IReadOnlyList<KeyValuePair<string, TensorReference>> entries, IStorageSource source, string file)
    {
        var result = new OrderedDictionary<string, Tensor>(entries.Count, StringComparer.Ordinal);
        using var scope = NewDisposeScope();
        var roots = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, reference) in entries)
        {
            var storage = reference.Storage;
            if (!roots.TryGetValue(storage.RootKey, out var root))
            {
                root = ReadRoot(storage, source, file);
                roots.Add(storage.RootKey, root);
            }
            var tensor = root.as_strided(reference.Size, reference.Stride, storage.RootElementOffset + reference.Offset);
            if (!result.TryAdd(key, tensor))
                throw new PyTorchCheckpointException(file, $"the state dict holds '{key}' twice.");
        }
        foreach (var tensor in result.Values) tensor.MoveToOuterDisposeScope();
        return result;
    }

    private static Tensor ReadRoot(StorageReference storage, IStorageSource source, string file)
    {
        long count = storage.RootElementCount;
        long bytes = count * storage.Type.ElementSize;
        var root = empty(new[] { count }, storage.Type.DType);
        if (bytes == 0) return root;
        try
        {
            using var stream = source.OpenRoot(storage.RootKey);
            if (bytes <= int.MaxValue)
            {
                var span = root.bytes;
                stream.ReadExactly(span);
                if (source.BigEndian && storage.Type.ElementSize > 1) ReverseEachElement(span, storage.Type.ElementSize);
            }
            else if (source.BigEndian && storage.Type.ElementSize > 1)
            {
                throw new PyTorchCheckpointException(file, $"storage '{storage.RootKey}' is big-endian and over 2 GiB, which is not supported.");
            }
            else
            {
                root.ReadBytesFromStream(stream, 1 << 20);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new PyTorchCheckpointException(file, $"the data of storage '{storage.RootKey}' is truncated or unreadable ({e.Message})", e);
        }
        return root;
    }

    private static void ReverseEachElement(Span<byte> bytes, int elementSize)
    {
        for (int at = 0; at < bytes.Length; at += elementSize) bytes.Slice(at, elementSize).Reverse();
    }
}
