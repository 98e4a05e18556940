using System.IO.Compression;

namespace MlNetResNet.Pipelines.Scoring;

/// <summary>
/// Reads the ONNX graph that ML.NET's OnnxTransformer stores inside model.zip: an entry named <c>OnnxModel</c> in the
/// transformer's folder, holding a 4-byte little-endian length followed by the graph bytes.
/// </summary>
internal static class EmbeddedGraphReader
{
    public const string EntryName = "OnnxModel";

    /// <exception cref="InvalidDataException">The zip holds no graph, several, or a damaged one (the message names the file).</exception>
    public static byte[] Read(string modelPath)
    {
        using var zip = ZipFile.OpenRead(modelPath);
        var entries = zip.Entries.Where(entry => entry.Name == EntryName).ToList();
        if (entries.Count != 1)
            throw new InvalidDataException(
                $"Model file '{modelPath}' holds {entries.Count} ONNX graphs ('{EntryName}' entries); a ResNet classifier has exactly one.");
        var entry = entries[0];
        using var stream = entry.Open();
        using var reader = new BinaryReader(stream);
        long length = entry.Length - sizeof(int);
        int declared = length >= 0 ? reader.ReadInt32() : -1;
        if (declared != length)
            throw new InvalidDataException(
                $"Model file '{modelPath}': entry '{entry.FullName}' declares {declared} graph bytes but holds {length}.");
        var graph = reader.ReadBytes(declared);
        if (graph.Length != declared)
            throw new InvalidDataException($"Model file '{modelPath}': entry '{entry.FullName}' is truncated.");
        return graph;
    }
}
