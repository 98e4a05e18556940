using System.IO.Compression;
using System.Numerics;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>Builds .pth files byte by byte (zip records or the legacy layout) for the bad-input tests.</summary>
public static class CraftedCheckpoints
{
    public static readonly BigInteger LegacyMagic = BigInteger.Parse("119547037146038801333356");

    /// <summary>A zip whose records are stored uncompressed, as torch.save writes them.</summary>
    public static void Zip(string path, params (string Name, byte[] Data)[] records) => File.WriteAllBytes(path, ZipBytes(records));

    /// <summary>The bytes of <see cref="Zip"/>'s file.</summary>
    public static byte[] ZipBytes(params (string Name, byte[] Data)[] records)
    {
        var bytes = new MemoryStream();
        using (var archive = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in records)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(data);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>The legacy layout: magic, protocol, system info, the object, the storage keys, then the storages.</summary>
    public static void Legacy(string path, byte[] objectPickle, params (string Key, long DeclaredCount, byte[] Data)[] storages) =>
        File.WriteAllBytes(path, LegacyBytes(objectPickle, storages));

    /// <summary>The bytes of <see cref="Legacy"/>'s file.</summary>
    public static byte[] LegacyBytes(byte[] objectPickle, params (string Key, long DeclaredCount, byte[] Data)[] storages)
    {
        var file = new MemoryStream();
        file.Write(new PickleBytes().Proto().Long(LegacyMagic).Stop().ToArray());
        file.Write(new PickleBytes().Proto().Int(1001).Stop().ToArray());
        file.Write(new PickleBytes().Proto().EmptyDict().Stop().ToArray());
        file.Write(objectPickle);
        var keys = new PickleBytes().Proto().Mark();
        foreach (var (key, _, _) in storages) keys.Str(key);
        file.Write(keys.Op((byte)'l').Stop().ToArray());
        foreach (var (_, count, data) in storages)
        {
            file.Write(BitConverter.GetBytes(count));
            file.Write(data);
        }
        return file.ToArray();
    }

    /// <summary>An OrderedDict pickle with one float tensor entry "w".</summary>
    public static byte[] OneTensorStateDict(long numel, long[] size, long[] stride, long offset = 0, bool legacy = false) =>
        new PickleBytes().Proto().NewOrderedDict().Mark().Str("w")
            .Tensor("FloatStorage", "0", numel, offset, size, stride, legacy)
            .SetItems().Stop().ToArray();
}
