namespace MlNetResNet.Benchmarks;

/// <summary>Resident set size of this process, read from /proc (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>Current RSS in MB.</summary>
    public static double RssMb() => ReadKb("VmRSS:") / 1024.0;

    /// <summary>Peak RSS in MB (the kernel's high-water mark).</summary>
    public static double PeakRssMb() => ReadKb("VmHWM:") / 1024.0;

    private static long ReadKb(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var parts = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[0]);
        }
        throw new InvalidOperationException($"/proc/self/status has no {field} line (not Linux?).");
    }
}
