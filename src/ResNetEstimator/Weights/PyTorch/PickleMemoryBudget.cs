using System.Numerics;

namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Bounds the memory an unpickled value graph may take. Without it a pickle's bytes cost up to ~100 times their
/// size in objects (one <c>}</c> byte is a whole dict; an 80 MB pickle of empty lists took 2.1 GB), so a
/// 256 MB <c>data.pkl</c> or a legacy file of any size could exhaust memory. The estimate charges each value pushed
/// and each item added, conservatively (nothing is credited back when a value is dropped). String and bytes
/// payloads are charged before they are allocated, so one huge value in a large legacy file is refused up front.
/// </summary>
internal sealed class PickleMemoryBudget(string file)
{
    public const long Limit = 512L << 20;
    private const long Slot = 8;
    private long charged;

    /// <summary>A value pushed on the stack: its slot plus an estimate of the object (again for each re-push).</summary>
    public void Push(object? value, long at) => Charge(Slot + Footprint(value), at);

    /// <summary>Items added to an existing list, dict or set.</summary>
    public void AddItems(long count, long bytesEach, long at) => Charge(count * bytesEach, at);

    private static long Footprint(object? value) => value switch
    {
        null or bool => 0,
        long or double => 24,
        BigInteger => 96,
        string text => 24 + 2L * text.Length,
        byte[] bytes => 24 + bytes.LongLength,
        PickleTuple tuple => 32 + Slot * tuple.Count,
        List<object?> list => 40 + 2 * Slot * list.Count,
        PickleDict dict => 160 + 64L * dict.Count,
        PickleSet set => 64 + 2 * Slot * set.Items.Count,
        _ => 160, // globals, storages, tensor references
    };

    private void Charge(long bytes, long at)
    {
        charged += bytes;
        if (charged > Limit)
            throw new PyTorchCheckpointException(file,
                $"the pickle builds more than {Limit >> 20} MB of values by byte {at}; a state dict's pickle needs a small fraction of that, so this is refused as a memory bomb.");
    }
}
