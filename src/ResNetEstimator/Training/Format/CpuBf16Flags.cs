namespace MlNetResNet.Training.Format;

/// <summary>The CPU flags that make bfloat16 worth probing, read from /proc/cpuinfo (Linux); none elsewhere.</summary>
internal static class CpuBf16Flags
{
    private static readonly string[] Candidates = ["amx_bf16", "avx512_bf16"];

    public static IReadOnlyList<string> Read(string cpuInfoPath = "/proc/cpuinfo")
    {
        if (!File.Exists(cpuInfoPath)) return [];
        var flags = File.ReadLines(cpuInfoPath)
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal))
            .Take(1)
            .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        return Candidates.Where(flags.Contains).ToList();
    }
}
