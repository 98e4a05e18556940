using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MlNetResNet.Training.FeatureCache;

/// <summary>
/// Pooled features on disk, one small file per (image, backbone, preprocessing) key. An entry holds a magic, the
/// feature count, the floats and a SHA-256 of all that; an entry that is short, long or fails its checksum is deleted
/// and reported as a miss, never used. Entries are written to a temporary file and renamed, so a reader never sees
/// half an entry. The folder holds at most <c>maxBytes</c>: the least recently used entries (oldest write or hit) go
/// first. Used from one thread.
/// </summary>
internal sealed class FeatureCacheStore
{
    public const string EntryExtension = ".feat";
    private const string TempMarker = ".tmp-";
    private const int HeaderBytes = 8;
    private const int ChecksumBytes = 32;
    private static readonly byte[] Magic = "MRF1"u8.ToArray();
    // Temporary files this old belong to no live writer (a write takes milliseconds): they are left-overs of a crash.
    private static readonly TimeSpan AbandonedTempAge = TimeSpan.FromHours(1);

    private readonly long maxBytes;
    private readonly LinkedList<(string Name, long Bytes)> byAge = new();
    private readonly Dictionary<string, LinkedListNode<(string Name, long Bytes)>> byName = new(StringComparer.Ordinal);

    public FeatureCacheStore(string directory, long maxBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (maxBytes < 0) throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The cache size cannot be negative.");
        Directory = Path.GetFullPath(directory);
        this.maxBytes = maxBytes;
        System.IO.Directory.CreateDirectory(Directory);
        var entries = new DirectoryInfo(Directory).EnumerateFiles().ToList();
        foreach (var file in entries.Where(f => f.Name.Contains(TempMarker, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow - file.LastWriteTimeUtc > AbandonedTempAge) TryDelete(file.FullName);
        }
        foreach (var file in entries.Where(f => f.Extension == EntryExtension).OrderBy(f => f.LastWriteTimeUtc))
        {
            var node = byAge.AddLast((file.Name, file.Length));
            byName[file.Name] = node;
            TotalBytes += file.Length;
        }
        Evict();
    }

    public string Directory { get; }

    /// <summary>Bytes of all entries now in the folder (as this store knows them).</summary>
    public long TotalBytes { get; private set; }

    public int Hits { get; private set; }

    public int Misses { get; private set; }

    /// <summary>Entries found damaged (wrong size, magic, length or checksum), deleted and recomputed.</summary>
    public int Corrupt { get; private set; }

    /// <summary>Entries deleted to stay within the size limit.</summary>
    public int Evicted { get; private set; }

    /// <summary>Reads an entry into <paramref name="destination"/> (its length is the expected feature count).</summary>
    public bool TryRead(FeatureCacheKey key, Span<float> destination)
    {
        string name = key.FileName;
        string path = Path.Combine(Directory, name);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Forget(name);
            Misses++;
            return false;
        }
        if (!IsIntact(bytes, destination.Length))
        {
            Corrupt++;
            Misses++;
            TryDelete(path);
            Forget(name);
            return false;
        }
        MemoryMarshal.Cast<byte, float>(bytes.AsSpan(HeaderBytes, destination.Length * sizeof(float))).CopyTo(destination);
        Touch(name, path, bytes.Length);
        Hits++;
        return true;
    }

    /// <summary>Writes an entry atomically (temporary file, then rename), then evicts down to the size limit.</summary>
    public void Write(FeatureCacheKey key, ReadOnlySpan<float> features)
    {
        if (maxBytes == 0) return;
        string name = key.FileName;
        var payload = MemoryMarshal.AsBytes(features);
        var bytes = new byte[HeaderBytes + payload.Length + ChecksumBytes];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), features.Length);
        payload.CopyTo(bytes.AsSpan(HeaderBytes));
        SHA256.HashData(bytes.AsSpan(0, HeaderBytes + payload.Length), bytes.AsSpan(HeaderBytes + payload.Length));

        string path = Path.Combine(Directory, name);
        string temp = path + TempMarker + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        Forget(name);
        byName[name] = byAge.AddLast((name, bytes.Length));
        TotalBytes += bytes.Length;
        Evict();
    }

    private static bool IsIntact(byte[] bytes, int featureCount)
    {
        int expected = HeaderBytes + featureCount * sizeof(float) + ChecksumBytes;
        if (bytes.Length != expected) return false;
        if (!bytes.AsSpan(0, 4).SequenceEqual(Magic)) return false;
        if (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != featureCount) return false;
        Span<byte> checksum = stackalloc byte[ChecksumBytes];
        SHA256.HashData(bytes.AsSpan(0, expected - ChecksumBytes), checksum);
        return checksum.SequenceEqual(bytes.AsSpan(expected - ChecksumBytes));
    }

    // A hit makes the entry the most recently used, on disk too, so the next run's store orders it the same way.
    private void Touch(string name, string path, long length)
    {
        Forget(name);
        byName[name] = byAge.AddLast((name, length));
        TotalBytes += length;
        try { File.SetLastWriteTimeUtc(path, DateTime.UtcNow); }
        catch (IOException) { /* another process evicted it meanwhile: the order in this run stays right */ }
    }

    private void Forget(string name)
    {
        if (!byName.Remove(name, out var node)) return;
        TotalBytes -= node.Value.Bytes;
        byAge.Remove(node);
    }

    private void Evict()
    {
        while (TotalBytes > maxBytes && byAge.First is { } oldest)
        {
            TryDelete(Path.Combine(Directory, oldest.Value.Name));
            Forget(oldest.Value.Name);
            Evicted++;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { /* already gone or in use by another process: it is no longer counted here either way */ }
        catch (UnauthorizedAccessException) { /* read-only entry: left in place, no longer counted */ }
    }
}
