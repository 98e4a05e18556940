namespace MlNetResNet.Tests.Weights.Support;

/// <summary>
/// Random pickles built from the opcodes a state dict uses and the ones it never should: scalars, containers,
/// marks, memo traffic, allowed and forbidden globals, calls, persistent ids and whole tensors with random
/// (often lying) sizes. Most are nonsense; enough are nearly right to reach the tensor and storage checks.
/// </summary>
public static class RandomPickles
{
    private static readonly string[] Texts = { "storage", "cpu", "0", "1", "2", "w", "state_dict", "model", "", "é", "\u0000" };
    private static readonly string[] StorageTypes = { "FloatStorage", "LongStorage", "HalfStorage", "BoolStorage", "DoubleStorage", "NoStorage" };
    private static readonly (string Module, string Name)[] Globals =
    {
        ("collections", "OrderedDict"), ("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor"),
        ("torch._utils", "_rebuild_parameter"), ("torch._utils", "_rebuild_parameter_with_state"), ("torch", "FloatStorage"),
        ("torch", "LongStorage"), ("builtins", "eval"), ("torch", "Tensor"),
    };

    // Opcodes with no argument that a generator can drop anywhere.
    private static readonly byte[] Bare = "(.012NRabdeltsu)]}"u8.ToArray()
        .Concat(new byte[] { 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x51 }).ToArray();

    public static byte[] Generate(Random random)
    {
        var pickle = new PickleBytes().Proto((byte)random.Next(6));
        int length = random.Next(1, 80);
        for (int i = 0; i < length; i++) AddOne(pickle, random);
        if (random.Next(10) > 0) pickle.Stop();
        return pickle.ToArray();
    }

    private static void AddOne(PickleBytes pickle, Random random)
    {
        switch (random.Next(12))
        {
            case 0:
            case 1:
                pickle.Op(Bare[random.Next(Bare.Length)]);
                break;
            case 2:
                pickle.Int(random.Next(-3, 10) switch { < 0 => -random.NextInt64(1L << 40), 9 => random.NextInt64(), var small => small });
                break;
            case 3:
                pickle.Str(Texts[random.Next(Texts.Length)]);
                break;
            case 4:
                uint index = (uint)random.Next(4);
                if (random.Next(2) == 0) pickle.LongBinPut(index);
                else pickle.LongBinGet(index);
                break;
            case 5:
                var (module, name) = Globals[random.Next(Globals.Length)];
                if (random.Next(2) == 0) pickle.Global(module, name);
                else pickle.StackGlobal(module, name);
                break;
            case 6:
                pickle.Mark().Str("storage").Global("torch", StorageTypes[random.Next(StorageTypes.Length)])
                    .Str(Texts[random.Next(4)]).Str("cpu").Int(random.Next(-1, 20));
                if (random.Next(2) == 0) pickle.None();
                pickle.Tuple().BinPersId();
                break;
            case 7:
                pickle.Tensor(StorageTypes[random.Next(StorageTypes.Length)], Texts[random.Next(1, 4)], random.Next(-1, 20), Small(random),
                    Shape(random), Shape(random), legacy: random.Next(2) == 0);
                break;
            case 8:
                pickle.IntTuple(Shape(random));
                break;
            case 9:
                pickle.NewOrderedDict();
                break;
            case 10:
                pickle.Op(0x8a).Op((byte)random.Next(12)).Raw(RandomBytes(random, random.Next(12)));
                break;
            default:
                pickle.Op((byte)random.Next(256)).Raw(RandomBytes(random, random.Next(9)));
                break;
        }
    }

    private static long Small(Random random) => random.Next(8) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-1, 20);

    private static long[] Shape(Random random) => Enumerable.Range(0, random.Next(4)).Select(_ => Small(random)).ToArray();

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
