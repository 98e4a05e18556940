using System.Diagnostics;

namespace MlNetResNet.Tests.Hostile;

/// <summary>
/// Measures one refusal: wall time, and memory as both the bytes the thread allocated on the managed heap (exact,
/// immune to other tests) and the growth of the process's resident set (covers native memory, noisier).
/// </summary>
internal static class RefusalBudget
{
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(2);
    public const long MaxBytes = 300L << 20;

    public static (T Result, TimeSpan Elapsed, long Allocated, long ResidentGrowth) Measure<T>(Func<T> action)
    {
        long residentBefore = Resident();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        T result = action();
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (result, watch.Elapsed, allocated, Resident() - residentBefore);
    }

    public static void AssertWithin(TimeSpan elapsed, long allocated, long residentGrowth, string what)
    {
        Assert.True(elapsed < MaxTime, $"{what} took {elapsed.TotalSeconds:F2} s (limit {MaxTime.TotalSeconds} s).");
        Assert.True(allocated < MaxBytes, $"{what} allocated {allocated / 1e6:F0} MB (limit {MaxBytes / 1e6:F0} MB).");
        Assert.True(residentGrowth < MaxBytes, $"{what} grew the resident set by {residentGrowth / 1e6:F0} MB (limit {MaxBytes / 1e6:F0} MB).");
    }

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
