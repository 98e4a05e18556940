using System.Buffers.Binary;
using System.Text;
using static MlNetResNet.Weights.PyTorch.PickleOpcodes;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>Emits the protocol-2 opcodes our state-dict pickle needs (torch.save's default protocol).</summary>
internal sealed class PickleWriter
{
    private readonly MemoryStream output = new();

    public byte[] ToArray() => output.ToArray();

    public PickleWriter Protocol(byte version) => Op(Proto).Byte(version);

    public PickleWriter Op(byte opcode)
    {
        output.WriteByte(opcode);
        return this;
    }

    public PickleWriter Global(string module, string name) =>
        Op(PickleOpcodes.Global).Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    // BINUNICODE even for short strings: SHORT_BINUNICODE is protocol 4, which torch's weights-only loader rejects.
    public PickleWriter String(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        return Op(BinUnicode).UInt32((uint)bytes.Length).Raw(bytes);
    }

    public PickleWriter Int(long value)
    {
        if (value is >= 0 and < 256) return Op(BinInt1).Byte((byte)value);
        if (value is >= int.MinValue and <= int.MaxValue) return Op(BinInt).Int32((int)value);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Op(Long1).Byte(8).Raw(bytes);
    }

    public PickleWriter Bool(bool value) => Op(value ? NewTrue : NewFalse);

    /// <summary>A tuple of ints (sizes, strides), closed with the shortest tuple opcode.</summary>
    public PickleWriter IntTuple(IReadOnlyList<long> values)
    {
        if (values.Count == 0) return Op(EmptyTuple);
        if (values.Count > 3) Op(Mark);
        foreach (var value in values) Int(value);
        return Op(values.Count switch { 1 => Tuple1, 2 => Tuple2, 3 => Tuple3, _ => MarkTuple });
    }

    private PickleWriter Byte(byte value)
    {
        output.WriteByte(value);
        return this;
    }

    private PickleWriter Int32(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return Raw(bytes);
    }

    private PickleWriter UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Raw(bytes);
    }

    private PickleWriter Raw(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        return this;
    }
}
