using System.Diagnostics;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>
/// Reads a hostile checkpoint and checks the promise of docs/RELIABILITY.md: it ends in a
/// <see cref="PyTorchCheckpointException"/> whose message says what is wrong, within a time and managed-memory bound.
/// </summary>
public static class RefusalCheck
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);
    public const long AllocationLimit = 64L << 20;

    /// <summary>Reads <paramref name="bytes"/> as the file <paramref name="name"/> in memory.</summary>
    public static PyTorchCheckpointException Bytes(string name, byte[] bytes, params string[] problem) =>
        BytesWithin(AllocationLimit, name, bytes, problem);

    /// <summary>As <see cref="Bytes"/>, for files whose refusal needs more than <see cref="AllocationLimit"/> of managed allocations.</summary>
    public static PyTorchCheckpointException BytesWithin(long allocationLimit, string name, byte[] bytes, params string[] problem) =>
        BytesWithin(allocationLimit, TimeLimit, name, bytes, problem);

    /// <summary>As <see cref="Bytes"/>, with both bounds given.</summary>
    public static PyTorchCheckpointException BytesWithin(long allocationLimit, TimeSpan timeLimit, string name, byte[] bytes, params string[] problem) =>
        Check(name, () => PyTorchCheckpoint.ReadDetailed(name, new MemoryStream(bytes, writable: false)), problem, allocationLimit, timeLimit);

    /// <summary>Reads the file at <paramref name="path"/> through the public API.</summary>
    public static PyTorchCheckpointException File(string path, params string[] problem) =>
        Check(Path.GetFileName(path), () => PyTorchCheckpoint.ReadDetailed(path), problem, AllocationLimit, TimeLimit);

    private static PyTorchCheckpointException Check(string name, Func<object> read, string[] problem, long allocationLimit, TimeSpan timeLimit)
    {
        using var scope = NewDisposeScope();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<PyTorchCheckpointException>(read);
        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains(name, error.Message);
        foreach (var fragment in problem)
            Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"'{fragment}' not in: {error.Message}");
        Assert.True(clock.Elapsed < timeLimit, $"refused after {clock.Elapsed.TotalSeconds:F2} s (limit {timeLimit.TotalSeconds} s): {error.Message}");
        Assert.True(allocated < allocationLimit, $"allocated {allocated >> 20} MB before refusing (limit {allocationLimit >> 20} MB): {error.Message}");
        return error;
    }
}
