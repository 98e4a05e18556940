using MlNetResNet.Storage;

namespace MlNetResNet.Pipelines.IO;

/// <summary>
/// Writes a file so that readers see the old content or the complete new one, never a half-written file, even after
/// a killed process or a power cut: the data goes to a temporary file in the same folder, is flushed to disk, replaces
/// the target by rename, and the folder is flushed. When the disk fills up, <see cref="DiskFullException"/> says so and
/// the previous file stays as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temporary path next to <paramref name="path"/>, then renames it over <paramref name="path"/>.</summary>
    /// <exception cref="DiskFullException">No space left; <paramref name="path"/> is unchanged.</exception>
    public static void Write(string path, Action<string> write) => DurableFile.Replace(path, write);

    /// <summary>Writes a stream's content atomically.</summary>
    /// <exception cref="DiskFullException">No space left; <paramref name="path"/> is unchanged.</exception>
    public static void Write(string path, Action<Stream> write) =>
        Write(path, (string temporary) =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            write(stream);
        });

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    /// <exception cref="DiskFullException">No space left; <paramref name="path"/> is unchanged.</exception>
    public static void WriteAllText(string path, string text) =>
        Write(path, (string temporary) => File.WriteAllText(temporary, text));

    /// <summary>
    /// Deletes the temporary files that writes of <paramref name="path"/> left when their process was killed (for
    /// model.zip: <c>.model.&lt;32 hex digits&gt;.tmp.zip</c> beside it). Call it when a run that writes
    /// <paramref name="path"/> starts.
    /// </summary>
    /// <returns>The files deleted.</returns>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string path) => DurableFile.RemoveStaleTemporaries(path);
}
