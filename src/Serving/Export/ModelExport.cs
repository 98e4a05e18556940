using System.Globalization;
using System.Text;
using Microsoft.ML;
using MlNetResNet.Export;
using MlNetResNet.Pipelines.Scoring;

namespace MlNetResNet.Serving.Export;

/// <summary>
/// <c>mlnet-resnet export</c>: the network of a model.zip as an ONNX file any client can feed (input <c>image</c>,
/// uint8 RGB [N, R, R, 3] at the model's resize size; output <c>probabilities</c>, float [N, C]; cast, transpose,
/// center crop and ImageNet normalisation inside the graph), alone or as a Triton model repository entry.
/// </summary>
public static class ModelExport
{
    /// <summary>What the exported graph needs from the model file.</summary>
    public sealed record ExportedModel(byte[] Onnx, IReadOnlyList<string> ClassNames, int ImageSide);

    /// <summary>Reads <paramref name="modelPath"/> and rewrites its graph for clients.</summary>
    /// <exception cref="InvalidDataException">The file is not a ResNetClassifier model.zip.</exception>
    public static ExportedModel Read(string modelPath)
    {
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), modelPath);
        byte[] graph = ClientInputGraph.FromScoringGraph(EmbeddedGraphReader.Read(modelPath), modelPath);
        return new ExportedModel(graph, scorer.ClassNames, scorer.ResizeSize);
    }

    /// <summary>Writes the plain ONNX file.</summary>
    public static void WriteOnnx(ExportedModel model, string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllBytes(path, model.Onnx);
    }

    /// <summary>Writes <c>repository/name/config.pbtxt</c>, <c>repository/name/1/model.onnx</c> and <c>repository/name/labels.txt</c>.</summary>
    /// <returns>The model's folder.</returns>
    public static string WriteTriton(ExportedModel model, string repository, string name, int maxBatch)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\', '"']) >= 0 || name is "." or "..")
            throw new ArgumentException($"--name '{name}' cannot be a Triton model name (a folder name without /, \\ or \").");
        if (maxBatch < 1) throw new ArgumentException($"--max-batch must be at least 1, not {maxBatch}.");
        if (model.ClassNames.FirstOrDefault(c => c.Contains('\n') || c.Contains('\r')) is { } bad)
            throw new InvalidDataException($"Class name '{bad}' holds a line break; labels.txt has one class per line.");
        string folder = Path.Combine(repository, name);
        Directory.CreateDirectory(Path.Combine(folder, "1"));
        File.WriteAllBytes(Path.Combine(folder, "1", "model.onnx"), model.Onnx);
        File.WriteAllText(Path.Combine(folder, "labels.txt"), string.Join('\n', model.ClassNames) + "\n", new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, "config.pbtxt"), TritonConfig(model, name, maxBatch), new UTF8Encoding(false));
        return folder;
    }

    /// <summary>The model configuration in protobuf text format (Triton's <c>ModelConfig</c> message).</summary>
    public static string TritonConfig(ExportedModel model, string name, int maxBatch)
    {
        string side = model.ImageSide.ToString(CultureInfo.InvariantCulture);
        return $$"""
            name: "{{name}}"
            platform: "onnxruntime_onnx"
            max_batch_size: {{maxBatch.ToString(CultureInfo.InvariantCulture)}}
            input [
              {
                name: "{{ClientInputGraph.InputName}}"
                data_type: TYPE_UINT8
                dims: [ {{side}}, {{side}}, 3 ]
              }
            ]
            output [
              {
                name: "{{ClientInputGraph.OutputName}}"
                data_type: TYPE_FP32
                dims: [ {{model.ClassNames.Count.ToString(CultureInfo.InvariantCulture)}} ]
                label_filename: "labels.txt"
              }
            ]
            dynamic_batching { }

            """;
    }
}
