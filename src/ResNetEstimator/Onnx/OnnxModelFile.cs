using Google.Protobuf;
using MlNetResNet.Onnx.Proto;

namespace MlNetResNet.Onnx;

/// <summary>Reads and writes ONNX model files (protobuf <c>ModelProto</c>) with errors that name the file.</summary>
internal static class OnnxModelFile
{
    /// <summary>Parses the ONNX model at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty, not protobuf, or holds no graph.</exception>
    public static ModelProto Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Parses an ONNX model from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    public static ModelProto Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length == 0)
            throw new InvalidDataException($"ONNX model '{source}' is empty (0 bytes).");
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{source}' is not a valid ONNX model: {e.Message}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new InvalidDataException($"ONNX model '{source}' has no graph nodes: it is not an ONNX model or it is truncated.");
        return model;
    }

    /// <summary>Serializes <paramref name="model"/> to <paramref name="destination"/> (left open).</summary>
    public static void Write(ModelProto model, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite) throw new ArgumentException("The destination stream is not writable.", nameof(destination));
        using var output = new CodedOutputStream(destination, leaveOpen: true);
        model.WriteTo(output);
        output.Flush();
    }
}
