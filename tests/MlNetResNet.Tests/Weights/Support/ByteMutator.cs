using System.Buffers.Binary;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>
/// The mutations a fuzzer applies to a valid file: bit flips, random and boundary values (lengths near 2^31,
/// 2^32, 2^63), truncation, deleted, inserted and duplicated runs, and pickle opcodes spliced in.
/// </summary>
public static class ByteMutator
{
    private static readonly long[] Boundaries =
    {
        0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFF0, 0xFFFF_FFFF,
        0x1_0000_0000, -1, -2, long.MaxValue, long.MinValue, 1L << 40,
    };

    // Every opcode of protocols 0-5 (PickleOpcodes), so splices reach all of the unpickler's cases.
    private static readonly byte[] Opcodes = "(.012FIJKLMNPQRSTUVXabcd}eghijl]opqrstu)GBC"u8.ToArray()
        .Concat(Enumerable.Range(0x80, 0x19).Select(b => (byte)b)).ToArray();

    /// <summary>Applies 1 to <paramref name="maxMutations"/> random mutations to a copy of <paramref name="input"/>.</summary>
    public static byte[] Mutate(byte[] input, Random random, int maxMutations = 4)
    {
        var bytes = new List<byte>(input);
        int count = random.Next(1, maxMutations + 1);
        for (int i = 0; i < count && bytes.Count > 0; i++) MutateOnce(bytes, random);
        return bytes.ToArray();
    }

    private static void MutateOnce(List<byte> bytes, Random random)
    {
        int at = random.Next(bytes.Count);
        switch (random.Next(8))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes[at] = (byte)random.Next(256);
                break;
            case 2:
                WriteBoundary(bytes, at, random);
                break;
            case 3:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 4:
                bytes.RemoveRange(at, Math.Min(random.Next(1, 17), bytes.Count - at));
                break;
            case 5:
                var inserted = new byte[random.Next(1, 17)];
                random.NextBytes(inserted);
                bytes.InsertRange(at, inserted);
                break;
            case 6:
                int from = random.Next(bytes.Count);
                var run = bytes.GetRange(from, Math.Min(random.Next(1, 65), bytes.Count - from));
                bytes.InsertRange(random.Next(bytes.Count + 1), run);
                break;
            default:
                var splice = new byte[1 + random.Next(9)];
                random.NextBytes(splice);
                splice[0] = Opcodes[random.Next(Opcodes.Length)];
                bytes.InsertRange(at, splice);
                break;
        }
    }

    private static void WriteBoundary(List<byte> bytes, int at, Random random)
    {
        long value = Boundaries[random.Next(Boundaries.Length)] + random.Next(-1, 2);
        int width = new[] { 1, 2, 4, 8 }[random.Next(4)];
        Span<byte> encoded = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(encoded, value);
        for (int i = 0; i < width && at + i < bytes.Count; i++) bytes[at + i] = encoded[i];
    }
}
