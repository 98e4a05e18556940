using System.Buffers.Binary;
using System.Text;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>One record of a zip as its central directory describes it, with where its bytes really lie.</summary>
public sealed record ZipRecord(string Name, int CentralHeader, int LocalHeader, int Data, int Size);

/// <summary>
/// Reads and rewrites the directory of small zip files byte by byte, so tests can make a zip lie about its
/// records (sizes, names, several names for the same bytes) in ways no zip writer would.
/// </summary>
public static class ZipLayout
{
    private const uint CentralSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;

    public static IReadOnlyList<ZipRecord> Records(byte[] zip)
    {
        var (count, directory, _) = End(zip);
        var records = new List<ZipRecord>();
        int at = directory;
        for (int i = 0; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) != CentralSignature) throw new InvalidDataException("bad central header");
            int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 20));
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30));
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
            int local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 42));
            string name = Encoding.UTF8.GetString(zip, at + 46, nameLength);
            int data = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
            records.Add(new ZipRecord(name, at, local, data, size));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return records;
    }

    public static ZipRecord Record(byte[] zip, string name) => Records(zip).Single(r => r.Name == name);

    /// <summary>Makes the central directory and the local header claim <paramref name="size"/> bytes (stored and uncompressed).</summary>
    public static void ClaimSize(byte[] zip, string name, uint size)
    {
        var record = Record(zip, name);
        foreach (int field in new[] { record.CentralHeader + 20, record.CentralHeader + 24, record.LocalHeader + 18, record.LocalHeader + 22 })
            BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(field), size);
    }

    /// <summary>
    /// Adds central-directory entries named <paramref name="aliases"/> that all point at <paramref name="name"/>'s
    /// bytes (same CRC, same sizes): many records, one copy of the data.
    /// </summary>
    public static byte[] AddAliases(byte[] zip, string name, IEnumerable<string> aliases)
    {
        var (count, directory, directoryLength) = End(zip);
        var source = Record(zip, name);
        var output = new MemoryStream();
        output.Write(zip, 0, directory + directoryLength);
        int added = 0;
        foreach (var alias in aliases)
        {
            var entry = zip.AsSpan(source.CentralHeader, 46).ToArray();
            var aliasBytes = Encoding.UTF8.GetBytes(alias);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(28), (ushort)aliasBytes.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(30), 0);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(32), 0);
            output.Write(entry);
            output.Write(aliasBytes);
            added++;
        }
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)(count + added));
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)(count + added));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)(output.Length - directory));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)directory);
        output.Write(end);
        return output.ToArray();
    }

    private static (int Count, int Directory, int DirectoryLength) End(byte[] zip)
    {
        for (int at = zip.Length - 22; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) != EndSignature) continue;
            return (BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 10)),
                (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 16)),
                (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 12)));
        }
        throw new InvalidDataException("no end-of-central-directory record");
    }
}
