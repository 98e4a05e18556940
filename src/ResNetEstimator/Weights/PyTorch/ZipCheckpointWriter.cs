using System.Globalization;
using static MlNetResNet.Weights.PyTorch.PickleOpcodes;
using static TorchSharp.torch;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Writes a state dict as <c>torch.save(OrderedDict)</c> does in the zip format: <c>archive/data.pkl</c> rebuilds
/// each tensor with <c>torch._utils._rebuild_tensor_v2</c> over storage <c>archive/data/&lt;i&gt;</c>, plus the
/// <c>byteorder</c> and <c>version</c> records. Only allow-listed globals are used, so
/// <c>torch.load(weights_only=True)</c> accepts the file.
/// </summary>
internal static class ZipCheckpointWriter
{
    private const string Archive = "archive";
    private const int SetItemsBatch = 1000; // Python's pickler batches SETITEMS the same way

    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var entries = Checked(tensors);

        // Write beside the target and move into place, so a failure never leaves a half-written checkpoint.
        string full = Path.GetFullPath(path);
        string partial = full + ".partial";
        try
        {
            using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None))
                WriteEntries(file, entries);
            File.Move(partial, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>The bytes <see cref="Write(string, IEnumerable{KeyValuePair{string, Tensor}})"/> would write (model.zip carries them as an entry).</summary>
    public static byte[] ToBytes(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var memory = new MemoryStream();
        WriteEntries(memory, Checked(tensors)); // closes the stream; ToArray still reads a closed MemoryStream
        return memory.ToArray();
    }

    private static List<KeyValuePair<string, Tensor>> Checked(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var entries = tensors.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, tensor) in entries)
        {
            if (!seen.Add(key)) throw new ArgumentException($"The state dict holds '{key}' twice.", nameof(tensors));
            if (!StorageTypes.TryGet(tensor.dtype, out _))
                throw new ArgumentException($"'{key}' has dtype {tensor.dtype}, which has no PyTorch storage type here.", nameof(tensors));
        }
        return entries;
    }

    private static void WriteEntries(Stream destination, List<KeyValuePair<string, Tensor>> entries)
    {
        using var zip = new StoredZipWriter(destination);
        zip.Add($"{Archive}/data.pkl", StateDictPickle(entries));
        zip.Add($"{Archive}/byteorder", "little"u8);
        for (int i = 0; i < entries.Count; i++) AddStorage(zip, i, entries[i]);
        zip.Add($"{Archive}/version", "3\n"u8);
        zip.Finish();
    }

    private static byte[] StateDictPickle(List<KeyValuePair<string, Tensor>> entries)
    {
        var pickle = new PickleWriter().Protocol(2);
        NewOrderedDict(pickle);
        for (int start = 0; start < entries.Count; start += SetItemsBatch)
        {
            pickle.Op(Mark);
            for (int i = start; i < Math.Min(start + SetItemsBatch, entries.Count); i++)
            {
                pickle.String(entries[i].Key);
                WriteTensor(pickle, StorageKey(i), entries[i].Value);
            }
            pickle.Op(SetItems);
        }
        return pickle.Op(Stop).ToArray();
    }

    // _rebuild_tensor_v2(storage, 0, size, contiguous stride, False, OrderedDict())
    private static void WriteTensor(PickleWriter pickle, string storageKey, Tensor tensor)
    {
        StorageTypes.TryGet(tensor.dtype, out var type);
        long[] size = tensor.shape;
        pickle.Global("torch._utils", "_rebuild_tensor_v2").Op(Mark);
        pickle.Op(Mark).String("storage").Global("torch", type.Name).String(storageKey).String("cpu").Int(tensor.numel())
            .Op(MarkTuple).Op(BinPersId);
        pickle.Int(0).IntTuple(size).IntTuple(ContiguousStrides(size)).Bool(false);
        NewOrderedDict(pickle);
        pickle.Op(MarkTuple).Op(Reduce);
    }

    private static void NewOrderedDict(PickleWriter pickle) =>
        pickle.Global("collections", "OrderedDict").Op(EmptyTuple).Op(Reduce);

    private static void AddStorage(StoredZipWriter zip, int index, KeyValuePair<string, Tensor> entry)
    {
        using var scope = NewDisposeScope();
        var data = entry.Value.detach().cpu().contiguous();
        long bytes = data.numel() * data.ElementSize;
        if (bytes > int.MaxValue)
            throw new NotSupportedException($"'{entry.Key}' holds {bytes} bytes; tensors over 2 GiB cannot be written.");
        zip.Add($"{Archive}/data/{StorageKey(index)}", bytes == 0 ? ReadOnlySpan<byte>.Empty : data.bytes);
    }

    private static string StorageKey(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static long[] ContiguousStrides(long[] size)
    {
        var strides = new long[size.Length];
        long stride = 1;
        for (int i = size.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= Math.Max(size[i], 1);
        }
        return strides;
    }
}
