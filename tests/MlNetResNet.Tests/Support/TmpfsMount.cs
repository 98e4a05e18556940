using System.Diagnostics;
using System.Globalization;

namespace MlNetResNet.Tests.Support;

/// <summary>
/// A small RAM-backed file system mounted for one test, so that a test can fill a disk for real. Mounting needs Linux
/// and root (CI runs as root); <see cref="UnavailableReason"/> says why it cannot be done elsewhere.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private readonly TempFolder mountPoint = new("tmpfs");

    public TmpfsMount(long bytes)
    {
        try
        {
            Run("mount", "-t", "tmpfs", "-o", $"size={bytes.ToString(CultureInfo.InvariantCulture)}", "tmpfs", mountPoint.Path);
        }
        catch
        {
            mountPoint.Dispose();
            throw;
        }
    }

    public string Path => mountPoint.Path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Changes the size of the mounted file system (the files on it stay).</summary>
    public void Resize(long bytes) =>
        Run("mount", "-o", $"remount,size={bytes.ToString(CultureInfo.InvariantCulture)}", Path);

    /// <summary>Why no tmpfs can be mounted here, or null when one can.</summary>
    public static string? UnavailableReason { get; } = Probe();

    public void Dispose()
    {
        Run("umount", Path);
        mountPoint.Dispose();
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "mounting a tmpfs to fill a disk for real needs Linux";
        if (!Environment.IsPrivilegedProcess) return "mounting a tmpfs to fill a disk for real needs root (CI runs as root)";
        try
        {
            using var probe = new TmpfsMount(1 << 20);
            return null;
        }
        catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"this machine refuses to mount a tmpfs: {error.Message}";
        }
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Trim()}");
    }
}
