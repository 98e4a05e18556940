using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MlNetResNet.Training;

/// <summary>
/// Hands memory that libtorch has freed back to the OS. glibc's malloc raises its mmap threshold after the
/// first large tensors are freed and then serves activations from its heap, where freed space is kept: RSS of a
/// plain TorchSharp training loop climbed ~40 MB/s here although no tensor leaked. <c>malloc_trim(0)</c>
/// releases those free pages. A call costs 6 ms (ResNet-18, 32 px) to 160 ms (224 px, batch 16), and the pages
/// it returns are faulted in again by the next step, so the trainer trims at most every two seconds (about 1%
/// of the time; in between, RSS rises by what those two seconds free) and after each pass. Elsewhere than glibc this
/// does nothing.
/// </summary>
internal sealed unsafe class NativeHeapTrim
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(2);
    private static readonly delegate* unmanaged<nuint, int> MallocTrim = FindMallocTrim();
    private readonly Stopwatch sinceLast = Stopwatch.StartNew();

    /// <summary>True where glibc's malloc_trim exists.</summary>
    public static bool IsAvailable => MallocTrim != null;

    /// <summary>Trims when the last trim is at least two seconds ago.</summary>
    public void MaybeTrim()
    {
        if (sinceLast.Elapsed >= MinimumInterval) Trim();
    }

    public void Trim()
    {
        if (MallocTrim != null) MallocTrim(0);
        sinceLast.Restart();
    }

    /// <summary>
    /// End of a pass: collects the pass's short-lived managed objects too (ImageSharp leaves ~12 KB per image).
    /// The GC sizes its youngest generation from the CPU cache (hundreds of MB on server CPUs), so without this
    /// an epoch's garbage piles up for many epochs before the first collection and reads as growing RSS.
    /// </summary>
    public void TrimAfterPass()
    {
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        Trim();
    }

    private static delegate* unmanaged<nuint, int> FindMallocTrim()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libc.so.6", out var libc)) return null;
        return NativeLibrary.TryGetExport(libc, "malloc_trim", out var address)
            ? (delegate* unmanaged<nuint, int>)address
            : null;
    }
}
