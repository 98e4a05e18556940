using System.IO.Compression;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// The zip format of <c>torch.save</c> (PyTorch ≥ 1.6): <c>&lt;name&gt;/data.pkl</c> holds the pickle, each
/// storage is the record <c>&lt;name&gt;/data/&lt;key&gt;</c> (stored, not compressed), and
/// <c>&lt;name&gt;/byteorder</c>, when present, says "little" or "big". Every record read is checked against its
/// CRC-32, and every size the zip directory claims is checked against the file's real length before anything is
/// allocated for it.
/// </summary>
internal sealed class ZipCheckpointReader : IStorageSource
{
    private const long MaxPickleBytes = 256L << 20;
    private const int MaxByteOrderBytes = 16;
    private readonly string file;
    private readonly ZipArchive archive;
    private readonly long fileLength;
    private readonly string prefix;
    private readonly Dictionary<string, (StorageReference Storage, ZipArchiveEntry Entry)> storages = new(StringComparer.Ordinal);
    private long storageBytes;

    private ZipCheckpointReader(string file, ZipArchive archive, long fileLength, string prefix)
    {
        this.file = file;
        this.archive = archive;
        this.fileLength = fileLength;
        this.prefix = prefix;
    }

    public bool BigEndian { get; private set; }

    public static CheckpointFile Open(string file, Stream stream)
    {
        long fileLength = stream.Length;
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stream.Dispose();
            throw new PyTorchCheckpointException(file, $"the zip archive is truncated or corrupt ({e.Message})", e);
        }
        try
        {
            ZipEntryNames.Check(archive, file);
            var reader = new ZipCheckpointReader(file, archive, fileLength, FindPrefix(file, archive));
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
        var (root, entry) = storages[rootKey];
        return OpenChecked(entry, root.ElementCount * root.Type.ElementSize);
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
                $"the zip archive holds {prefixes.Count} pickles ({string.Join(", ", prefixes.Take(5))}); torch.save writes one."),
        };
    }

    private bool ReadByteOrder()
    {
        var entry = archive.GetEntry($"{prefix}/byteorder");
        if (entry is null) return false; // written before PyTorch 1.10: always little-endian
        if (entry.Length > MaxByteOrderBytes) throw new PyTorchCheckpointException(file, "the byteorder record is not 'little' or 'big'.");
        CheckFitsInFile(entry);
        using var reader = new StreamReader(OpenChecked(entry, entry.Length));
        return reader.ReadToEnd().Trim() switch
        {
            "little" => false,
            "big" => true,
            var other => throw new PyTorchCheckpointException(file, $"the byteorder record says '{PickleTypeNames.Shorten(other)}', not 'little' or 'big'."),
        };
    }

    private MemoryStream ReadPickleBytes()
    {
        var entry = archive.GetEntry($"{prefix}/data.pkl")!;
        if (entry.Length > MaxPickleBytes)
            throw new PyTorchCheckpointException(file, $"data.pkl declares {entry.Length} bytes; more than {MaxPickleBytes} is not a state dict.");
        CheckFitsInFile(entry);
        // Grown as bytes arrive rather than sized from the header: a compressed record's declared length is
        // only a claim until it has been inflated.
        var bytes = new MemoryStream((int)Math.Min(entry.Length, 1 << 20));
        using (var stream = OpenChecked(entry, entry.Length)) stream.CopyTo(bytes);
        bytes.Position = 0;
        return bytes;
    }

    // Persistent id: ('storage', storage_type, key, location, numel).
    private StorageReference ResolveStorage(object? persistentId)
    {
        var id = PersistentIds.Parse(persistentId, 5, file);
        if (storages.TryGetValue(id.Key, out var known)) return PersistentIds.SameAs(known.Storage, id, file);

        string record = $"{prefix}/data/{id.Key}";
        var entry = archive.GetEntry(record)
            ?? throw new PyTorchCheckpointException(file, $"storage '{PickleTypeNames.Shorten(id.Key)}' is referenced but the record '{PickleTypeNames.Shorten(record)}' is missing.");
        if (entry.CompressedLength != entry.Length)
            throw new PyTorchCheckpointException(file,
                $"storage record '{record}' is compressed; torch.save stores storages uncompressed (was the archive re-zipped?).");
        CheckFitsInFile(entry);
        long declared = PersistentIds.ByteCount(id, file);
        if (declared > entry.Length)
            throw new PyTorchCheckpointException(file,
                $"storage '{id.Key}' declares {id.ElementCount} {id.Type.Name} elements ({declared} bytes), but its record holds only {entry.Length} bytes.");
        // Distinct records cannot overlap in a real zip, so together they fit in the file; a directory that points
        // many records at the same bytes would otherwise multiply what we allocate.
        storageBytes += entry.Length;
        if (storageBytes > fileLength)
            throw new PyTorchCheckpointException(file,
                $"the storage records read so far claim {storageBytes} bytes in all, more than the file's {fileLength} bytes: the zip directory lies.");
        var storage = StorageReference.Root(id.Key, id.Type, id.ElementCount);
        storages.Add(id.Key, (storage, entry));
        return storage;
    }

    /// <summary>A record's stored bytes cannot be more than the file holds; checked before any buffer is sized from them.</summary>
    private void CheckFitsInFile(ZipArchiveEntry entry)
    {
        if (entry.Length < 0 || entry.CompressedLength < 0)
            throw new PyTorchCheckpointException(file, $"the record '{PickleTypeNames.Shorten(entry.FullName)}' has a negative size in the zip directory.");
        if (entry.CompressedLength > fileLength)
            throw new PyTorchCheckpointException(file,
                $"the record '{PickleTypeNames.Shorten(entry.FullName)}' claims {entry.CompressedLength} bytes, but the whole file holds only {fileLength}: the zip directory lies.");
    }

    private ChecksummedRecordStream OpenChecked(ZipArchiveEntry entry, long wantedLength) =>
        new(entry.Open(), file, entry.FullName, entry.Length, wantedLength, entry.Crc32);
}
