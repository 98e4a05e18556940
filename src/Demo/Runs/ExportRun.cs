using MlNetResNet.Demo.Cli;
using MlNetResNet.Demo.Output;
using MlNetResNet.Serving.Export;

namespace MlNetResNet.Demo.Runs;

/// <summary><c>export</c>: the client-input ONNX file and/or the Triton model repository entry of a model.zip.</summary>
internal static class ExportRun
{
    public static int Run(ExportRequest request)
    {
        // ModelExport.Read loads through ImageClassifierModel.Load, which names a missing model file.
        var model = ModelExport.Read(request.Model);
        string description = $"input image uint8 [N, {model.ImageSide}, {model.ImageSide}, 3] RGB, output probabilities float [N, {model.ClassNames.Count}]";
        if (request.OnnxFile is { } onnx)
        {
            ModelExport.WriteOnnx(model, onnx);
            Terminal.Line($"wrote {onnx} ({description})");
        }
        if (request.TritonRepository is { } repository)
        {
            string name = request.Name ?? Path.GetFileNameWithoutExtension(request.Model);
            string folder = ModelExport.WriteTriton(model, repository, name, request.MaxBatch);
            Terminal.Line($"wrote {Path.Combine(folder, "config.pbtxt")}, {Path.Combine(folder, "1", "model.onnx")}, {Path.Combine(folder, "labels.txt")} ({description})");
        }
        return 0;
    }
}
