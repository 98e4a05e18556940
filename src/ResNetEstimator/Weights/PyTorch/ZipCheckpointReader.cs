using System.IO.Compression;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// The zip format of <c>torch.save</c> (PyTorch ≥ 1.6): <c>&lt;name&gt;/data.pkl</c> holds the pickle, each
/// storage is the record <c>&lt;name&gt;/data/&lt;key&gt;</c> (stored, not compressed), and
/// <c>&lt;name&gt;/byteorder</c>, when present, says "little" or "big".
/// </summary>
internal sealed class ZipCheckpointReader : IStorageSource
{
    private const long MaxPickleBytes = 256L << 20;
    private readonly string file;
    private readonly ZipArchive archive;
    private readonly string prefix;
    private readonly Dictionary<string, StorageReference> storages = new(StringComparer.Ordinal);

    private ZipCheckpointReader(string file, ZipArchive archive, string prefix)
    {
        this.file = file;
        this.archive = archive;
        this.prefix = prefix;
    }

    public bool BigEndian { get; private set; }

    public static CheckpointFile Open(string file, FileStream stream)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new PyTorchCheckpointException(file, $"the zip archive is truncated or corrupt ({e.Message})", e);
        }
        try
        {
            var reader = new ZipCheckpointReader(file, archive, FindPrefix(file, archive));
            reader.BigEndian = reader.ReadByteOrder();
            using var pickle = reader.ReadPickleBytes();
            object? root = RestrictedUnpickler.Load(pickle, file, reader.ResolveStorage);
            return new CheckpointFile(file, $"zip (archive '{reader.prefix}')", root, reader, archive);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            archive.Dispose();
            throw new PyTorchCheckpointException(file, $"the zip archive is truncated or corrupt ({e.Message})", e);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public Stream OpenRoot(string rootKey)
    {
        var entry = archive.GetEntry($"{prefix}/data/{rootKey}")!;
        return entry.Open();
    }

    private static string FindPrefix(string file, ZipArchive archive)
    {
        var prefixes = archive.Entries
            .Select(e => e.FullName)
            .Where(name => name.EndsWith("/data.pkl", StringComparison.Ordinal) && name.IndexOf('/') == name.Length - "/data.pkl".Length)
            .Select(name => name[..name.IndexOf('/')])
            .ToList();
        return prefixes.Count switch
        {
            1 => prefixes[0],
            0 => throw new PyTorchCheckpointException(file,
                "the zip archive has no '<name>/data.pkl' record, so it is not a file written by torch.save."),
            _ => throw new PyTorchCheckpointException(file,
                $"the zip archive holds {prefixes.Count} pickles ({string.Join(", ", prefixes)}); torch.save writes one."),
        };
    }

    private bool ReadByteOrder()
    {
        var entry = archive.GetEntry($"{prefix}/byteorder");
        if (entry is null) return false; // written before PyTorch 1.10: always little-endian
        if (entry.Length > 16) throw new PyTorchCheckpointException(file, "the byteorder record is not 'little' or 'big'.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd().Trim() switch
        {
            "little" => false,
            "big" => true,
            var other => throw new PyTorchCheckpointException(file, $"the byteorder record says '{other}', not 'little' or 'big'."),
        };
    }

    private MemoryStream ReadPickleBytes()
    {
        var entry = archive.GetEntry($"{prefix}/data.pkl")!;
        if (entry.Length > MaxPickleBytes)
            throw new PyTorchCheckpointException(file, $"data.pkl declares {entry.Length} bytes; more than {MaxPickleBytes} is not a state dict.");
        var bytes = new byte[entry.Length];
        using var stream = entry.Open();
        try { stream.ReadExactly(bytes); }
        catch (EndOfStreamException e) { throw new PyTorchCheckpointException(file, "data.pkl is shorter than the archive declares.", e); }
        return new MemoryStream(bytes, writable: false);
    }

    // Persistent id: ('storage', storage_type, key, location, numel).
    private StorageReference ResolveStorage(object? persistentId)
    {
        var id = PersistentIds.Parse(persistentId, 5, file);
        if (storages.TryGetValue(id.Key, out var known)) return PersistentIds.SameAs(known, id, file);

        string record = $"{prefix}/data/{id.Key}";
        var entry = archive.GetEntry(record)
            ?? throw new PyTorchCheckpointException(file, $"storage '{id.Key}' is referenced but the record '{record}' is missing.");
        if (entry.CompressedLength != entry.Length)
            throw new PyTorchCheckpointException(file,
                $"storage record '{record}' is compressed; torch.save stores storages uncompressed (was the archive re-zipped?).");
        long declared = PersistentIds.ByteCount(id, file);
        if (declared > entry.Length)
            throw new PyTorchCheckpointException(file,
                $"storage '{id.Key}' declares {id.ElementCount} {id.Type.Name} elements ({declared} bytes), but its record holds only {entry.Length} bytes.");
        var storage = StorageReference.Root(id.Key, id.Type, id.ElementCount);
        storages.Add(id.Key, storage);
        return storage;
    }
}
