using System.Buffers.Binary;

namespace MlNetResNet.Imaging.FileGuard;

/// <summary>
/// Forward reads and seeks over an encoded image through a small buffer, so that walking the structure of a
/// file costs memory independent of its size. Reading past the end refuses the image as truncated.
/// </summary>
internal sealed class HeaderReader
{
    private readonly Stream stream;
    private readonly byte[] buffer = new byte[1 << 16];
    private long bufferStart;
    private int bufferLength;
    private int offset;

    public HeaderReader(Stream stream)
    {
        this.stream = stream;
        Length = stream.Length;
        bufferStart = stream.Position;
    }

    public long Length { get; }

    public long Position => bufferStart + offset;

    public long Remaining => Length - Position;

    public bool AtEnd => Position >= Length;

    /// <summary>Refuses the image as truncated, naming what was expected at this point.</summary>
    public ImageRefusedException Truncated(string expected) =>
        new($"is truncated: the file ends at byte {Length:N0} where {expected} was expected.");

    public byte ReadByte(string expected)
    {
        if (offset == bufferLength && !Fill()) throw Truncated(expected);
        return buffer[offset++];
    }

    public void ReadExactly(Span<byte> destination, string expected)
    {
        int copied = 0;
        while (copied < destination.Length)
        {
            if (offset == bufferLength && !Fill()) throw Truncated(expected);
            int take = Math.Min(destination.Length - copied, bufferLength - offset);
            buffer.AsSpan(offset, take).CopyTo(destination[copied..]);
            offset += take;
            copied += take;
        }
    }

    public ushort ReadUInt16BigEndian(string expected) => BinaryPrimitives.ReadUInt16BigEndian(Read(stackalloc byte[2], expected));

    public ushort ReadUInt16LittleEndian(string expected) => BinaryPrimitives.ReadUInt16LittleEndian(Read(stackalloc byte[2], expected));

    public uint ReadUInt32BigEndian(string expected) => BinaryPrimitives.ReadUInt32BigEndian(Read(stackalloc byte[4], expected));

    public uint ReadUInt32LittleEndian(string expected) => BinaryPrimitives.ReadUInt32LittleEndian(Read(stackalloc byte[4], expected));

    /// <summary>Moves forward over <paramref name="count"/> bytes that must all be present.</summary>
    public void Skip(long count, string expected)
    {
        if (count < 0 || count > Remaining) throw Truncated(expected);
        long target = Position + count;
        if (target <= bufferStart + bufferLength)
        {
            offset = (int)(target - bufferStart);
            return;
        }
        stream.Position = target;
        bufferStart = target;
        bufferLength = 0;
        offset = 0;
    }

    /// <summary>
    /// Moves to the next <paramref name="wanted"/> byte at or after the current position; false when the file ends
    /// first. Scans a buffer at a time (a JPEG's entropy-coded data can be most of the file).
    /// </summary>
    public bool SkipToByte(byte wanted)
    {
        while (true)
        {
            if (offset == bufferLength && !Fill()) return false;
            int found = buffer.AsSpan(offset, bufferLength - offset).IndexOf(wanted);
            if (found >= 0)
            {
                offset += found;
                return true;
            }
            offset = bufferLength;
        }
    }

    // Fills a small caller-owned span (the fixed-width reads above) and hands it back for decoding.
    private ReadOnlySpan<byte> Read(Span<byte> destination, string expected)
    {
        ReadExactly(destination, expected);
        return destination;
    }

    private bool Fill()
    {
        bufferStart += bufferLength;
        offset = 0;
        bufferLength = stream.Read(buffer, 0, buffer.Length);
        return bufferLength > 0;
    }
}
