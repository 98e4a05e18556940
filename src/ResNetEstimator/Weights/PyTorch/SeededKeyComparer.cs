namespace MlNetResNet.Weights.PyTorch;

/// <summary>
/// Hashes the pickle's dict keys and memo indices with a per-process random seed. The default hash of a
/// <c>long</c> (low word XOR high word) lets a file pick thousands of keys that collide, turning dict and memo
/// inserts quadratic: 100,000 colliding keys took minutes. Strings keep .NET's own (already seeded) hash.
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
        long number => HashCode.Combine(number),
        double number => HashCode.Combine(number),
        bool flag => HashCode.Combine(flag),
        _ => value.GetHashCode(),
    };

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long value) => HashCode.Combine(value);
}
