using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// Reads the ONNX graph ML.NET's OnnxTransformer stored in a model.zip: the entry <c>…/OnnxModel</c>, a 32-bit
/// little-endian length followed by that many bytes of the graph (checked: the length must match the entry).
/// </summary>
public static class EmbeddedOnnxGraph
{
    private const string EntryName = "OnnxModel";

    /// <summary>The graph bytes.</summary>
    /// <exception cref="InvalidDataException">The file is not a zip, or holds no or several ONNX graphs.</exception>
    public static byte[] Read(string modelPath)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(modelPath);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"Model file '{modelPath}' is not a zip archive: {error.Message}", error);
        }
        using (archive)
        {
            var entries = archive.Entries.Where(e => e.Name == EntryName).ToList();
            if (entries.Count != 1)
                throw new InvalidDataException(
                    $"Model file '{modelPath}' holds {entries.Count} ONNX graphs ('{EntryName}' entries); a ResNetClassifier model holds one.");
            using var stream = entries[0].Open();
            using var buffer = new MemoryStream((int)Math.Min(entries[0].Length, int.MaxValue));
            stream.CopyTo(buffer);
            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (bytes.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(bytes) != bytes.Length - 4)
                throw new InvalidDataException($"Model file '{modelPath}': the entry '{entries[0].FullName}' is not a length-prefixed ONNX graph.");
            return bytes[4..].ToArray();
        }
    }
}
