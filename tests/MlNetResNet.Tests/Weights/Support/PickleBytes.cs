using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>
/// Hand-assembles pickle bytes opcode by opcode, so tests can build exactly the (malicious or malformed) files
/// they need without Python and without our own writer.
/// </summary>
public sealed class PickleBytes
{
    private readonly MemoryStream bytes = new();

    public byte[] ToArray() => bytes.ToArray();

    public PickleBytes Proto(byte version = 2) => Op(0x80).Byte(version);
    public PickleBytes Mark() => Op((byte)'(');
    public PickleBytes Stop() => Op((byte)'.');
    public PickleBytes None() => Op((byte)'N');
    public PickleBytes False() => Op(0x89);
    public PickleBytes EmptyTuple() => Op((byte)')');
    public PickleBytes Tuple() => Op((byte)'t');
    public PickleBytes Tuple1() => Op(0x85);
    public PickleBytes EmptyDict() => Op((byte)'}');
    public PickleBytes EmptyList() => Op((byte)']');
    public PickleBytes SetItems() => Op((byte)'u');
    public PickleBytes Reduce() => Op((byte)'R');
    public PickleBytes BinPersId() => Op((byte)'Q');

    public PickleBytes Global(string module, string name) => Op((byte)'c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    /// <summary>Protocol 4's STACK_GLOBAL: module and name pushed as strings first.</summary>
    public PickleBytes StackGlobal(string module, string name) => Str(module).Str(name).Op(0x93);

    public PickleBytes Str(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        return Op((byte)'X').UInt32((uint)utf8.Length).Raw(utf8);
    }

    public PickleBytes Int(long value)
    {
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Span<byte> four = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(four, (int)value);
            return Op((byte)'J').Raw(four);
        }
        return Long(value);
    }

    public PickleBytes Long(BigInteger value)
    {
        var little = value.ToByteArray(isUnsigned: false, isBigEndian: false);
        return Op(0x8a).Byte((byte)little.Length).Raw(little);
    }

    public PickleBytes IntTuple(params long[] values)
    {
        Mark();
        foreach (var v in values) Int(v);
        return Tuple();
    }

    public PickleBytes NewOrderedDict() => Global("collections", "OrderedDict").EmptyTuple().Reduce();

    /// <summary>
    /// <c>_rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())</c> with the storage persistent
    /// id of the zip format (5 fields) or the legacy format (6 fields; <paramref name="view"/> is the pre-1.0
    /// storage slice <c>(view_key, offset, size)</c>).
    /// </summary>
    public PickleBytes Tensor(string storageType, string key, long numel, long offset, long[] size, long[] stride, bool legacy,
        (string Key, long Offset, long Size)? view = null)
    {
        Global("torch._utils", "_rebuild_tensor_v2").Mark();
        Mark().Str("storage").Global("torch", storageType).Str(key).Str("cpu").Int(numel);
        if (view is { } v) Mark().Str(v.Key).Int(v.Offset).Int(v.Size).Tuple();
        else if (legacy) None();
        Tuple().BinPersId();
        Int(offset).IntTuple(size).IntTuple(stride).False().NewOrderedDict();
        return Tuple().Reduce();
    }

    public PickleBytes List() => Op((byte)'l');
    public PickleBytes Append() => Op((byte)'a');
    public PickleBytes SetItem() => Op((byte)'s');
    public PickleBytes Dup() => Op((byte)'2');
    public PickleBytes Pop() => Op((byte)'0');

    /// <summary>Protocol 4's FRAME with the length of the frame that follows.</summary>
    public PickleBytes Frame(long length) => Op(0x95).Raw(BitConverter.GetBytes(length));

    /// <summary>Protocol 4's MEMOIZE: stores the top of the stack under the next free memo index.</summary>
    public PickleBytes Memoize() => Op(0x94);

    public PickleBytes LongBinPut(uint index) => Op((byte)'r').UInt32(index);

    public PickleBytes LongBinGet(uint index) => Op((byte)'j').UInt32(index);

    /// <summary>An opcode followed by a little-endian length field of <paramref name="width"/> bytes that claims <paramref name="length"/>; no payload.</summary>
    public PickleBytes ClaimedLength(byte opcode, long length, int width)
    {
        Op(opcode);
        return Raw(BitConverter.GetBytes(length).AsSpan(0, width));
    }

    public PickleBytes Op(byte opcode) => Byte(opcode);

    public PickleBytes Raw(ReadOnlySpan<byte> raw)
    {
        bytes.Write(raw);
        return this;
    }

    private PickleBytes Byte(byte value)
    {
        bytes.WriteByte(value);
        return this;
    }

    private PickleBytes UInt32(uint value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(four, value);
        return Raw(four);
    }
}
