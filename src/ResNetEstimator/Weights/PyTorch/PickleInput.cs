using System.Buffers.Binary;
using System.Text;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Reads a pickle's bytes from a seekable stream and refuses any length that runs past the end of it, so a
/// lying length field can never make us allocate more than the file holds.
/// </summary>
internal sealed class PickleInput
{
    private const int MaxLineLength = 1 << 16;
    private readonly Stream stream;
    private readonly string file;

    public PickleInput(Stream stream, string file)
    {
        if (!stream.CanSeek) throw new ArgumentException("The pickle stream must be seekable.", nameof(stream));
        this.stream = stream;
        this.file = file;
    }

    public long Position => stream.Position;

    private long Remaining => stream.Length - stream.Position;

    public byte ReadByte()
    {
        int value = stream.ReadByte();
        return value < 0 ? throw Truncated(1) : (byte)value;
    }

    public byte[] ReadBytes(long count)
    {
        if (count < 0 || count > Remaining) throw Truncated(count);
        var bytes = new byte[count];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    public double ReadBigEndianDouble() => BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8));

    /// <summary>A protocol-0 text argument, up to (not including) the newline.</summary>
    public string ReadLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            byte b = ReadByte();
            if (b == (byte)'\n') return line.ToString();
            if (line.Length >= MaxLineLength)
                throw new PyTorchCheckpointException(file, $"a pickle text argument at byte {Position} is longer than {MaxLineLength} characters.");
            line.Append((char)b);
        }
    }

    /// <summary>Checks the declared length of a string or bytes payload against what follows, before anything is allocated.</summary>
    public void RequireCounted(long count, string what)
    {
        if (count < 0 || count > Remaining)
            throw new PyTorchCheckpointException(file,
                $"the pickle declares a {what} of {count} bytes at byte {Position}, but only {Remaining} bytes follow.");
        if (count > Array.MaxLength)
            throw new PyTorchCheckpointException(file, $"the pickle declares a {what} of {count} bytes at byte {Position}, too large for one value.");
    }

    private PyTorchCheckpointException Truncated(long wanted) =>
        new(file, $"the pickle ends early: {wanted} more bytes needed at byte {stream.Position}, {Remaining} left.");
}
