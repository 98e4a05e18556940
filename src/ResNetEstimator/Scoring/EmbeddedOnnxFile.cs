using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MlNetResNet.Scoring;

/// <summary>
/// The file ML.NET's OnnxTransformer reads the network from, and reads again when the model is saved. Handed a
/// stream, ML.NET copies it to a temporary file that it never deletes (<c>OnnxModel.CreateFromStream</c> passes
/// <c>ownModelFile: false</c>): 43 MB left in the temp folder per fit of a ResNet-18. So the file is written here,
/// ML.NET gets its path, and it is deleted when the transformer is disposed or, at the latest, when the process exits.
/// A process killed with SIGKILL (the OOM killer) runs no exit handler, so the name carries the process id, and the
/// first file a process writes in a folder sweeps away the files of processes that are no longer running.
/// A PredictionEngine disposes the model it runs (ML.NET's default, OwnsTransformer = true), and "predict one row,
/// then save" is the usual flow: so the graph bytes are kept, and <see cref="WhileOnDisk"/> writes the file again for
/// the length of a save after the file was deleted. Keeping them costs the file's size in memory (43 MB for ResNet-18).
/// </summary>
internal sealed class EmbeddedOnnxFile : IDisposable
{
    private const string Prefix = "mlnetresnet-";
    private static readonly ConcurrentDictionary<string, bool> Undeleted = new();
    private static readonly ConcurrentDictionary<string, bool> SweptFolders = new();
    private readonly byte[] onnxModel;
    private readonly Lock rewriting = new();

    static EmbeddedOnnxFile() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var path in Undeleted.Keys) TryDelete(path);
    };

    public EmbeddedOnnxFile(byte[] onnxModel, string folder)
    {
        Directory.CreateDirectory(folder);
        if (SweptFolders.TryAdd(System.IO.Path.GetFullPath(folder), true)) RemoveOrphans(folder);
        Path = System.IO.Path.Combine(folder, $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.onnx");
        this.onnxModel = onnxModel;
        Undeleted[Path] = true;
        File.WriteAllBytes(Path, onnxModel);
    }

    public string Path { get; }

    /// <summary>Deletes the file; call after the transformer that reads it is disposed.</summary>
    public void Dispose()
    {
        lock (rewriting)
        {
            if (Undeleted.TryRemove(Path, out _)) TryDelete(Path);
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> (a save of the OnnxTransformer, which reads the file by its path) with the file on
    /// disk: after <see cref="Dispose"/> it is written again for the call and deleted when the call ends.
    /// </summary>
    public void WhileOnDisk(Action read)
    {
        lock (rewriting)
        {
            if (Undeleted.ContainsKey(Path))
            {
                read();
                return;
            }
            Undeleted[Path] = true;
            try
            {
                File.WriteAllBytes(Path, onnxModel);
                read();
            }
            finally
            {
                if (Undeleted.TryRemove(Path, out _)) TryDelete(Path);
            }
        }
    }

    /// <summary>Deletes the files in <paramref name="folder"/> whose process is no longer running; returns them.</summary>
    internal static IReadOnlyList<string> RemoveOrphans(string folder)
    {
        var removed = new List<string>();
        foreach (string file in Directory.EnumerateFiles(folder, Prefix + "*-*.onnx"))
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(file);
            int dash = name.LastIndexOf('-');
            // Ours only: prefix, decimal process id, dash, 32 hex digits.
            if (dash <= Prefix.Length || name.Length - dash - 1 != 32 || !Guid.TryParseExact(name.AsSpan(dash + 1), "N", out _)
                || !int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int processId))
                continue;
            // A process id that was reused by another process only keeps the file until that one ends.
            if (processId == Environment.ProcessId || IsRunning(processId)) continue;
            TryDelete(file);
            removed.Add(file);
        }
        return removed;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    // At process exit ML.NET may still hold the file open: Linux and macOS unlink it anyway, Windows refuses and it stays.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
