using System.Text.RegularExpressions;

namespace MlNetResNet.Storage;

/// <summary>
/// Writes that a killed process, an out-of-memory kill or a power cut cannot leave half done. A file that replaces
/// another goes to a temporary file in the same folder, is flushed to disk (fsync), renamed over the target, and the
/// folder is flushed so the rename itself is on disk: readers see the old file or the complete new one. Running out
/// of disk space throws one <see cref="DiskFullException"/> and leaves the previous version in place.
/// </summary>
internal static partial class DurableFile
{
    /// <summary>Writes a new file (inside a folder that is committed later) and flushes its bytes to disk.</summary>
    public static void WriteAndFlush(string path, Action<string> write)
    {
        write(path);
        FlushToDisk(path);
    }

    /// <summary>Replaces <paramref name="path"/> atomically and durably with what <paramref name="write"/> writes to the path it is given.</summary>
    /// <exception cref="DiskFullException">The disk filled up; <paramref name="path"/> is unchanged and no temporary file is left.</exception>
    public static void Replace(string path, Action<string> write)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        string temporary = TemporaryPathFor(fullPath);
        try
        {
            CreateFolder(folder);
            write(temporary);
            FlushToDisk(temporary);
            File.Move(temporary, fullPath, overwrite: true);
            FolderFlush.Flush(folder);
        }
        catch (IOException error) when (DiskFullException.IsDiskFull(error) && error is not DiskFullException)
        {
            throw new DiskFullException(fullPath, error);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Deletes the temporary files that <see cref="Replace"/> calls for <paramref name="path"/> left behind when their
    /// process was killed. Call it where a run starts, before anything writes <paramref name="path"/>.
    /// </summary>
    /// <returns>The files deleted.</returns>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(folder)) return [];
        string stem = Path.GetFileNameWithoutExtension(fullPath), extension = Path.GetExtension(fullPath);
        var removed = new List<string>();
        foreach (string candidate in Directory.EnumerateFiles(folder, $".{stem}.*.tmp{extension}"))
        {
            string name = Path.GetFileName(candidate);
            // Only our own names: the stem, a 32-digit hex id, the extension.
            if (name.Length != stem.Length + extension.Length + 38 || !HexId().IsMatch(name.AsSpan(stem.Length + 2, 32))) continue;
            File.Delete(candidate);
            removed.Add(candidate);
        }
        return removed;
    }

    /// <summary>Creates <paramref name="folder"/> when missing and flushes its parent, so the new folder survives a power cut too.</summary>
    public static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder)) return;
        string? parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        if (parent is not null) CreateFolder(parent);
        Directory.CreateDirectory(folder);
        if (parent is not null) FolderFlush.Flush(parent);
    }

    /// <summary>fsync of a written file: flushing any handle flushes the file's data, so the writer's own handle is not needed.</summary>
    public static void FlushToDisk(string file)
    {
        // Write access: Windows' FlushFileBuffers requires it.
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Write);
        RandomAccess.FlushToDisk(handle);
    }

    // Keeps the extension: some writers choose the format from it.
    private static string TemporaryPathFor(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? ".",
            $".{Path.GetFileNameWithoutExtension(fullPath)}.{Guid.NewGuid():N}.tmp{Path.GetExtension(fullPath)}");

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HexId();
}
