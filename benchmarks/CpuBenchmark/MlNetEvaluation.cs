using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Evaluation through ML.NET: LoadImages → ResizeImages → ExtractPixels → ApplyOnnxModel on our ONNX export,
/// saved to a model.zip and loaded back; throughput of Transform over the validation set and the median
/// latency of one image through a PredictionEngine of the loaded model.
/// </summary>
internal static class MlNetEvaluation
{
    public sealed record Outcome(string Path, double ImagesPerSecond, double Accuracy, double LatencyMs);

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
        public int Label { get; set; }
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = Array.Empty<float>();
    }

    public static Outcome Run(ResNet network, IReadOnlyList<string> classNames, ImageFolderListing val, RunSettings settings)
    {
        var ml = new MLContext(seed: settings.Seed);
        var onnx = ResNetOnnxExporter.ExportToBytes(network, new OnnxExportOptions
        {
            InputSize = settings.ResizeSize, CropSize = settings.ImageSize, ClassNames = classNames.ToList(),
        });
        var rows = val.Paths.Select((path, i) => new ImageRow { ImagePath = path, Label = val.Labels[i] }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        using var onnxStream = new MemoryStream(onnx);
        var pipeline = ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(ImageRow.ImagePath))
            .Append(ml.Transforms.ResizeImages("Image", settings.ResizeSize, settings.ResizeSize, "Image",
                ImageResizingEstimator.ResizingKind.Fill))
            .Append(ml.Transforms.ExtractPixels("Pixels", "Image"))
            .Append(ml.Transforms.ApplyOnnxModel(onnxStream));
        var fitted = pipeline.Fit(data);
        string zip = Path.Combine(Path.GetTempPath(), $"cpu-benchmark-{Environment.ProcessId}.zip");
        ml.Model.Save(fitted, data.Schema, zip);
        try
        {
            var loaded = ml.Model.Load(zip, out _);
            Transform(loaded, data); // warm-up: ONNX Runtime session, first decode
            var clock = Stopwatch.StartNew();
            var scores = Transform(loaded, data);
            double seconds = clock.Elapsed.TotalSeconds;
            int correct = scores.Where((score, i) => ArgMax(score) == rows[i].Label).Count();

            using var engine = ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(loaded);
            var timings = new List<double>();
            for (int i = 0; i < settings.LatencyRepeats + 2; i++)
            {
                var single = Stopwatch.StartNew();
                engine.Predict(rows[0]);
                timings.Add(single.Elapsed.TotalMilliseconds);
            }
            var steady = timings.Skip(2).Order().ToList();
            return new Outcome("LoadImages+ApplyOnnxModel (loaded zip)", rows.Count / seconds, (double)correct / rows.Count, steady[steady.Count / 2]);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static List<float[]> Transform(ITransformer model, IDataView data) =>
        model.Transform(data).GetColumn<float[]>("Score").ToList();

    private static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
