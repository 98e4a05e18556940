namespace MlNetResNet.Imaging;

/// <summary>A byte budget shared by the caches of one training run (training and validation images).</summary>
internal sealed class CacheBudget
{
    private long used;

    public CacheBudget(long limitBytes)
    {
        if (limitBytes < 0) throw new ArgumentOutOfRangeException(nameof(limitBytes), limitBytes, "The cache budget cannot be negative.");
        LimitBytes = limitBytes;
    }

    public long LimitBytes { get; }

    public long UsedBytes => Interlocked.Read(ref used);

    /// <summary>Claims <paramref name="bytes"/> when they still fit; thread-safe.</summary>
    public bool TryReserve(long bytes)
    {
        if (Interlocked.Add(ref used, bytes) <= LimitBytes) return true;
        Interlocked.Add(ref used, -bytes);
        return false;
    }

    /// <summary>Gives back bytes claimed earlier.</summary>
    public void Release(long bytes) => Interlocked.Add(ref used, -bytes);
}
