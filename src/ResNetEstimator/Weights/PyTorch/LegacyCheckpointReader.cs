using System.Globalization;
using System.Buffers.Binary;
using System.Numerics;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// The format of <c>torch.save</c> before PyTorch 1.6 (and with <c>_use_new_zipfile_serialization=False</c>):
/// five pickles in a row — magic number, protocol version, system info, the object (storages as persistent ids),
/// the list of storage keys — then, per key in that order, an int64 element count and the raw little-endian bytes.
/// </summary>
internal sealed class LegacyCheckpointReader : IStorageSource
{
    private static readonly BigInteger MagicNumber = BigInteger.Parse("119547037146038801333356", CultureInfo.InvariantCulture);
    private const long ProtocolVersion = 1001;
    private readonly string file;
    private readonly Stream stream;
    private readonly Dictionary<string, StorageReference> roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> dataOffsets = new(StringComparer.Ordinal);

    private LegacyCheckpointReader(string file, Stream stream)
    {
        this.file = file;
        this.stream = stream;
    }

    // Storage bytes are written little-endian whatever the host (torch's writeFileRaw swaps on big-endian hosts).
    public bool BigEndian => false;

    public static CheckpointFile Open(string file, Stream stream)
    {
        var reader = new LegacyCheckpointReader(file, stream);
        try
        {
            reader.ReadHeader();
            object? root = RestrictedUnpickler.Load(stream, file, reader.ResolveStorage);
            reader.LocateStorages();
            return new CheckpointFile(file, "legacy", root, reader, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public Stream OpenRoot(string rootKey)
    {
        stream.Position = dataOffsets[rootKey];
        return new NonClosingStream(stream);
    }

    private void ReadHeader()
    {
        if (stream.Length > 262 && LooksLikeTar())
            throw new PyTorchCheckpointException(file, "this is the tar checkpoint format of PyTorch before 0.1.10, which is not supported.");
        object? magic;
        try { magic = RestrictedUnpickler.LoadPlain(stream, file); }
        catch (PyTorchCheckpointException e)
        {
            throw new PyTorchCheckpointException(file,
                $"not a PyTorch checkpoint: neither a zip archive nor a legacy torch.save file ({e.Problem})", e);
        }
        if (!IsMagic(magic))
            throw new PyTorchCheckpointException(file, "not a PyTorch checkpoint: the first pickle is not torch's magic number.");
        if (RestrictedUnpickler.LoadPlain(stream, file) is not ProtocolVersion)
            throw new PyTorchCheckpointException(file, $"unsupported legacy protocol version (expected {ProtocolVersion}).");
        if (RestrictedUnpickler.LoadPlain(stream, file) is not PickleDict)
            throw new PyTorchCheckpointException(file, "the legacy system-info pickle is not a dict.");
    }

    private bool LooksLikeTar()
    {
        var marker = new byte[5];
        stream.Position = 257;
        stream.ReadExactly(marker);
        stream.Position = 0;
        return marker.AsSpan().SequenceEqual("ustar"u8);
    }

    private static bool IsMagic(object? value) => value switch
    {
        BigInteger big => big == MagicNumber,
        _ => false,
    };

    // Persistent id: ('storage', storage_type, root_key, location, root_numel, view_metadata).
    private StorageReference ResolveStorage(object? persistentId)
    {
        var id = PersistentIds.Parse(persistentId, 6, file);
        if (!roots.TryGetValue(id.Key, out var root))
        {
            PersistentIds.ByteCount(id, file);
            root = StorageReference.Root(id.Key, id.Type, id.ElementCount);
            roots.Add(id.Key, root);
        }
        else
        {
            PersistentIds.SameAs(root, id, file);
        }
        if (id.ViewMetadata is null) return root;

        // (view_key, offset, size): a slice of the root, written by PyTorch before 1.0.
        if (id.ViewMetadata is not PickleTuple { Count: 3 } view || view[1] is not long offset || view[2] is not long count
            || offset < 0 || count < 0 || offset > root.ElementCount - count)
            throw new PyTorchCheckpointException(file, $"storage '{id.Key}' has a view outside its {root.ElementCount} elements.");
        return new StorageReference($"{id.Key}[{offset}:{offset + count}]", root.Type, count, root.Key, offset, root.ElementCount);
    }

    private void LocateStorages()
    {
        if (RestrictedUnpickler.LoadPlain(stream, file) is not List<object?> keys)
            throw new PyTorchCheckpointException(file, "the legacy storage-key pickle is not a list.");
        var header = new byte[8];
        foreach (var item in keys)
        {
            if (item is not string key || !roots.TryGetValue(key, out var root))
                throw new PyTorchCheckpointException(file, $"the storage list names {PickleTypeNames.Quote(item)}, which no tensor references.");
            if (dataOffsets.ContainsKey(key))
                throw new PyTorchCheckpointException(file, $"the storage list names '{key}' twice.");
            if (stream.Length - stream.Position < header.Length)
                throw new PyTorchCheckpointException(file, $"the file ends before the data of storage '{key}'.");
            stream.ReadExactly(header);
            long count = BinaryPrimitives.ReadInt64LittleEndian(header);
            if (count != root.ElementCount)
                throw new PyTorchCheckpointException(file,
                    $"storage '{key}' is declared with {root.ElementCount} elements but its data header says {count}.");
            long bytes = root.ElementCount * root.Type.ElementSize; // checked when the root was first seen
            long left = stream.Length - stream.Position;
            if (bytes > left)
                throw new PyTorchCheckpointException(file,
                    $"storage '{key}' declares {root.ElementCount} {root.Type.Name} elements ({bytes} bytes), but only {left} bytes remain in the file.");
            dataOffsets.Add(key, stream.Position);
            stream.Position += bytes;
        }
        var unlisted = roots.Keys.Where(k => !dataOffsets.ContainsKey(k)).ToList();
        if (unlisted.Count > 0)
            throw new PyTorchCheckpointException(file, $"storages {string.Join(", ", unlisted)} are referenced but have no data.");
    }

    /// <summary>Hands out the shared file stream without letting the caller close it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
