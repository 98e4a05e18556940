namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Hashes the pickle's dict keys and memo indices with a per-process random seed. The default hash of a
/// <c>long</c> (low word XOR high word) lets a file pick thousands of keys that collide, turning dict and memo
/// inserts quadratic: 100,000 colliding keys (a 1.4 MB file) took 47-84 s. <c>HashCode.Combine(long)</c> alone does not help (it
/// starts from that same 32-bit hash), so both halves go in. Strings keep .NET's own (already seeded) hash.
/// </summary>
internal sealed class SeededKeyComparer : IEqualityComparer<object>, IEqualityComparer<long>
{
    public static readonly SeededKeyComparer Instance = new();

    private SeededKeyComparer()
    {
    }

    public new bool Equals(object? x, object? y) => object.Equals(x, y);

    public int GetHashCode(object value) => value switch
    {
        long number => GetHashCode(number),
        // Equal doubles must hash alike: +0.0 == -0.0, and Equals treats every NaN as equal.
        double number => GetHashCode(number == 0 ? 0L : double.IsNaN(number) ? -1L : BitConverter.DoubleToInt64Bits(number)),
        bool flag => HashCode.Combine(flag),
        _ => value.GetHashCode(),
    };

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long value) => HashCode.Combine((int)value, (int)(value >> 32));
}
