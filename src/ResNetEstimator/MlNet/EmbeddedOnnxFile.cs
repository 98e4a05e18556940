using System.Collections.Concurrent;

namespace MlNetResNet;

/// <summary>
/// The file ML.NET's OnnxTransformer reads the network from, and reads again when the model is saved. Handed a
/// stream, ML.NET copies it to a temporary file that it never deletes (<c>OnnxModel.CreateFromStream</c> passes
/// <c>ownModelFile: false</c>): 43 MB left in the temp folder per fit of a ResNet-18. So the file is written here,
/// ML.NET gets its path, and it is deleted when the transformer is disposed or, at the latest, when the process exits.
/// </summary>
internal sealed class EmbeddedOnnxFile : IDisposable
{
    private static readonly ConcurrentDictionary<string, bool> Undeleted = new();

    static EmbeddedOnnxFile() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var path in Undeleted.Keys) TryDelete(path);
    };

    public EmbeddedOnnxFile(byte[] onnxModel, string folder)
    {
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"mlnetresnet-{Guid.NewGuid():N}.onnx");
        Undeleted[Path] = true;
        File.WriteAllBytes(Path, onnxModel);
    }

    public string Path { get; }

    /// <summary>Deletes the file; call after the transformer that reads it is disposed.</summary>
    public void Dispose()
    {
        if (Undeleted.TryRemove(Path, out _)) TryDelete(Path);
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
