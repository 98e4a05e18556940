using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MlNetResNet.Storage;

/// <summary>
/// Flushes a folder's entries (file creations, renames, deletions) to disk, so that a rename survives a power cut.
/// .NET cannot open a directory (File.OpenHandle refuses one), so on Linux and macOS the folder is opened with libc's
/// <c>open</c> and the handle flushed with <see cref="RandomAccess.FlushToDisk"/>, which calls <c>fsync</c>. On Windows
/// this is a no-op: a directory cannot be flushed there, and NTFS logs renames in its journal, so after a power cut
/// the file is the old or the new version, though the newest rename may be lost.
/// </summary>
internal static partial class FolderFlush
{
    private const int ReadOnly = 0; // O_RDONLY, the same value on every Unix

    // Some file systems (a few FUSE and network ones) do not support fsync on a directory and say EINVAL:
    // there is nothing more to do on them, as other durable-write code (PostgreSQL, SQLite) also concludes.
    private const int NotSupported = 22; // EINVAL

    public static void Flush(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        int descriptor = Open(folder, ReadOnly);
        if (descriptor < 0)
            throw new IOException($"Cannot open folder '{folder}' to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            RandomAccess.FlushToDisk(handle);
        }
        catch (IOException error) when (error.HResult == NotSupported)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
