using System.Globalization;
using System.Numerics;
using System.Text;
using static MlNetResNet.Weights.PyTorch.PickleOpcodes;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// A pickle virtual machine that only builds plain values, ordered dicts and (deferred) tensors. Globals are looked
/// up in <see cref="AllowedGlobals"/>, never imported; calls go to <see cref="PickleCalls"/>, never to Python.
/// Work is linear in the input: every opcode consumes input and nothing loops or recurses over values, so
/// nesting of any depth costs no stack. Memory is capped by <see cref="PickleMemoryBudget"/>.
/// </summary>
internal sealed class RestrictedUnpickler
{
    private const int HighestProtocol = 5;
    private readonly PickleInput input;
    private readonly string file;
    private readonly Func<object?, StorageReference> persistentLoad;
    private readonly List<object?> stack = new();
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = new(SeededKeyComparer.Instance);
    private readonly PickleMemoryBudget budget;
    private long opcodeAt;

    private RestrictedUnpickler(PickleInput input, string file, Func<object?, StorageReference> persistentLoad)
    {
        this.input = input;
        this.file = file;
        this.persistentLoad = persistentLoad;
        budget = new PickleMemoryBudget(file);
    }

    /// <summary>Reads one pickle (up to its STOP) from <paramref name="stream"/>, leaving the stream just after it.</summary>
    public static object? Load(Stream stream, string file, Func<object?, StorageReference> persistentLoad) =>
        new RestrictedUnpickler(new PickleInput(stream, file), file, persistentLoad).Run();

    /// <summary>For pickles that must not point at storages (the legacy format's header pickles).</summary>
    public static object? LoadPlain(Stream stream, string file) =>
        Load(stream, file, _ => throw new PyTorchCheckpointException(file, "a header pickle refers to a storage."));

    private object? Run()
    {
        while (true)
        {
            long at = input.Position;
            opcodeAt = at;
            byte op = input.ReadByte();
            if (op == Stop)
            {
                if (stack.Count != 1 || marks.Count != 0) throw Corrupt($"STOP at byte {at} with {stack.Count} values on the stack");
                return stack[0];
            }
            Execute(op, at);
        }
    }

    private void Execute(byte op, long at)
    {
        switch (op)
        {
            case Proto:
                budget.AddItems(1, 8, at); // charged only to bound the time a pickle of nothing but headers takes
                byte protocol = input.ReadByte();
                if (protocol > HighestProtocol) throw Corrupt($"pickle protocol {protocol} (highest known is {HighestProtocol})");
                break;
            case Frame: // framing is only a read-ahead hint
                budget.AddItems(1, 8, at);
                input.ReadInt64();
                break;
            case Mark:
                budget.AddItems(1, 8, at);
                marks.Push(stack.Count);
                break;
            case Pop:
                if (stack.Count > (marks.Count > 0 ? marks.Peek() : 0)) stack.RemoveAt(stack.Count - 1);
                else if (marks.Count > 0) marks.Pop();
                else throw Corrupt($"POP on an empty stack at byte {at}");
                break;
            case PopMark: PopToMark(at); break;
            case Dup: Push(Peek(at)); break;
            case None: Push(null); break;
            case NewTrue: Push(true); break;
            case NewFalse: Push(false); break;
            case Int: Push(ParseTextInt(input.ReadLine(), at)); break;
            case Long: Push(Normalize(ParseBigInteger(input.ReadLine().TrimEnd('L'), at))); break;
            case BinInt: Push((long)input.ReadInt32()); break;
            case BinInt1: Push((long)input.ReadByte()); break;
            case BinInt2: Push((long)input.ReadUInt16()); break;
            case Long1: Push(ReadLittleEndianInteger(input.ReadByte(), at)); break;
            case Long4: Push(ReadLittleEndianInteger(input.ReadInt32(), at)); break;
            case Float: Push(ParseDouble(input.ReadLine(), at)); break;
            case BinFloat: Push(input.ReadBigEndianDouble()); break;
            case BinString: Push(Utf8(Counted(input.ReadInt32(), "string", at), at)); break;
            case ShortBinString: Push(Utf8(Counted(input.ReadByte(), "string", at), at)); break;
            case BinUnicode: Push(Utf8(Counted(input.ReadUInt32(), "string", at), at)); break;
            case ShortBinUnicode: Push(Utf8(Counted(input.ReadByte(), "string", at), at)); break;
            case BinUnicode8: Push(Utf8(Counted(input.ReadInt64(), "string", at), at)); break;
            case BinBytes: Push(Counted(input.ReadUInt32(), "bytes object", at)); break;
            case ShortBinBytes: Push(Counted(input.ReadByte(), "bytes object", at)); break;
            case BinBytes8:
            case ByteArray8: Push(Counted(input.ReadInt64(), "bytes object", at)); break;
            case EmptyTuple: Push(new PickleTuple(Array.Empty<object?>())); break;
            case MarkTuple: Push(new PickleTuple(PopToMark(at).ToArray())); break;
            case Tuple1: Push(new PickleTuple(PopMany(1, at))); break;
            case Tuple2: Push(new PickleTuple(PopMany(2, at))); break;
            case Tuple3: Push(new PickleTuple(PopMany(3, at))); break;
            case EmptyList: Push(new List<object?>()); break;
            case MarkList: Push(PopToMark(at)); break;
            case Append:
                budget.AddItems(1, 16, at);
                Expect<List<object?>>(Peek(at, 1), "APPEND", at).Add(PopOne(at));
                break;
            case Appends: Appended(at); break;
            case EmptyDict: Push(new PickleDict()); break;
            case MarkDict: Push(FillDict(new PickleDict(), PopToMark(at), at)); break;
            case SetItem:
                var value = PopOne(at);
                var key = PopOne(at);
                budget.AddItems(1, 64, at);
                Expect<PickleDict>(Peek(at), "SETITEM", at).Set(key, value);
                break;
            case SetItems:
                var items = PopToMark(at);
                FillDict(Expect<PickleDict>(Peek(at), "SETITEMS", at), items, at);
                break;
            case EmptySet: Push(new PickleSet()); break;
            case AddItems:
                var added = PopToMark(at);
                budget.AddItems(added.Count, 16, at);
                Expect<PickleSet>(Peek(at), "ADDITEMS", at).Items.AddRange(added);
                break;
            case FrozenSet:
                var frozen = new PickleSet();
                frozen.Items.AddRange(PopToMark(at));
                Push(frozen);
                break;
            case Put: Remember(ParseMemoIndex(input.ReadLine(), at), at); break;
            case BinPut: Remember(input.ReadByte(), at); break;
            case LongBinPut: Remember(input.ReadUInt32(), at); break;
            case Memoize: Remember(memo.Count, at); break;
            case Get: Push(Recall(ParseMemoIndex(input.ReadLine(), at), at)); break;
            case BinGet: Push(Recall(input.ReadByte(), at)); break;
            case LongBinGet: Push(Recall(input.ReadUInt32(), at)); break;
            case Global: Push(AllowedGlobals.Resolve(input.ReadLine(), input.ReadLine(), file)); break;
            case StackGlobal:
                var name = PopOne(at);
                var module = PopOne(at);
                if (module is not string m || name is not string n) throw Corrupt($"STACK_GLOBAL with non-string operands at byte {at}");
                Push(AllowedGlobals.Resolve(m, n, file));
                break;
            case Reduce:
                var arguments = PopOne(at);
                Push(PickleCalls.Call(PopOne(at), arguments, file));
                break;
            case NewObj:
                var newArguments = PopOne(at);
                Push(PickleCalls.New(PopOne(at), newArguments, file));
                break;
            case NewObjEx:
                PopOne(at); // keyword arguments: OrderedDict takes none that matter
                var exArguments = PopOne(at);
                Push(PickleCalls.New(PopOne(at), exArguments, file));
                break;
            case Build:
                var state = PopOne(at);
                PickleCalls.Build(Peek(at), state, file);
                break;
            case BinPersId: Push(persistentLoad(PopOne(at))); break;
            case Inst:
                AllowedGlobals.Resolve(input.ReadLine(), input.ReadLine(), file);
                throw Unsupported("INST (old-style class instances)", at);
            case Obj: throw Unsupported("OBJ (old-style class instances)", at);
            case PersId: throw Unsupported("PERSID (text persistent ids)", at);
            case TextString:
            case TextUnicode: throw Unsupported("protocol-0 text strings", at);
            case Ext1:
            case Ext2:
            case Ext4: throw Unsupported("extension-registry codes", at);
            case NextBuffer:
            case ReadOnlyBuffer: throw Unsupported("out-of-band buffers", at);
            default: throw Corrupt($"unknown opcode 0x{op:x2} at byte {at}");
        }
    }

    private void Push(object? value)
    {
        budget.Push(value, opcodeAt);
        stack.Add(value);
    }

    /// <summary>A length-prefixed payload: checked against the input, then charged, and only then allocated.</summary>
    private byte[] Counted(long count, string what, long at)
    {
        input.RequireCounted(count, what);
        budget.AddItems(1, count, at);
        return input.ReadBytes(count);
    }

    private void Remember(long index, long at)
    {
        budget.AddItems(1, 48, at);
        memo[index] = Peek(at);
    }

    private object? Peek(long at, int depth = 0)
    {
        int floor = marks.Count > 0 ? marks.Peek() : 0;
        if (stack.Count - 1 - depth < floor) throw Corrupt($"stack underflow at byte {at}");
        return stack[stack.Count - 1 - depth];
    }

    private object? PopOne(long at)
    {
        var value = Peek(at);
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private object?[] PopMany(int count, long at)
    {
        var values = new object?[count];
        for (int i = count - 1; i >= 0; i--) values[i] = PopOne(at);
        return values;
    }

    private List<object?> PopToMark(long at)
    {
        if (marks.Count == 0) throw Corrupt($"no MARK to pop to at byte {at}");
        int start = marks.Pop();
        var items = stack.GetRange(start, stack.Count - start);
        stack.RemoveRange(start, stack.Count - start);
        return items;
    }

    private void Appended(long at)
    {
        var items = PopToMark(at);
        budget.AddItems(items.Count, 16, at);
        Expect<List<object?>>(Peek(at), "APPENDS", at).AddRange(items);
    }

    private PickleDict FillDict(PickleDict dict, List<object?> items, long at)
    {
        if (items.Count % 2 != 0) throw Corrupt($"odd number of dict items at byte {at}");
        budget.AddItems(items.Count / 2, 64, at);
        for (int i = 0; i < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
        return dict;
    }

    private object? Recall(long index, long at) =>
        memo.TryGetValue(index, out var value) ? value : throw Corrupt($"memo entry {index} read before written (byte {at})");

    private T Expect<T>(object? value, string opcode, long at) where T : class =>
        value as T ?? throw Corrupt($"{opcode} applied to {PickleTypeNames.WithArticle(value)} at byte {at}");

    private object ParseTextInt(string text, long at) => text switch
    {
        "00" => false,
        "01" => true,
        _ => Normalize(ParseBigInteger(text, at)),
    };

    private BigInteger ParseBigInteger(string text, long at) =>
        text.Length <= 64 && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Corrupt($"bad integer literal at byte {at}");

    private double ParseDouble(string text, long at) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Corrupt($"bad float literal at byte {at}");

    private long ParseMemoIndex(string text, long at) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw Corrupt($"bad memo index at byte {at}");

    private object ReadLittleEndianInteger(int byteCount, long at)
    {
        // Python ints of any size are legal, but nothing in a state dict needs more than 64 bytes.
        if (byteCount is < 0 or > 64) throw Corrupt($"an integer of {byteCount} bytes at byte {at}");
        return Normalize(new BigInteger(input.ReadBytes(byteCount), isUnsigned: false, isBigEndian: false));
    }

    private static object Normalize(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (object)(long)value : value;

    private string Utf8(byte[] bytes, long at)
    {
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { throw Corrupt($"a string that is not UTF-8 at byte {at}"); }
    }

    private PyTorchCheckpointException Corrupt(string what) => new(file, $"the pickle is corrupt: {what}.");

    private PyTorchCheckpointException Unsupported(string what, long at) =>
        new(file, $"the pickle uses {what} at byte {at}, which state-dict checkpoints never need; refusing to load.");
}
