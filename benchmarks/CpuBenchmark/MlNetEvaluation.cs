using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Evaluation through ML.NET the way users run it: <c>Transform</c> + <c>MulticlassClassification.Evaluate</c>
/// on the fitted model (our transformer, batched ONNX Runtime) and on the model.zip loaded back (ML.NET's
/// OnnxTransformer, one row at a time), and the median latency of one image through a PredictionEngine of
/// the loaded model.
/// </summary>
internal static class MlNetEvaluation
{
    public sealed record Outcome(double FittedImagesPerSecond, double LoadedImagesPerSecond, double FittedAccuracy,
        double LoadedAccuracy, double LatencyMs);

    public sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
        public string Label { get; set; } = "";
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = Array.Empty<float>();
    }

    public static Outcome Run(MLContext ml, ITransformer model, IDataView rawVal, int rows, int latencyRepeats, ImageRow sample)
    {
        var (fittedRate, fittedAccuracy) = TimedEvaluate(ml, model, rawVal, rows);
        string zip = Path.Combine(Path.GetTempPath(), $"cpu-benchmark-{Environment.ProcessId}.zip");
        ml.Model.Save(model, rawVal.Schema, zip);
        try
        {
            var loaded = ml.Model.Load(zip, out _);
            // ML.NET keeps the loaded network in a temporary file that only Dispose deletes.
            using var loadedResources = loaded as IDisposable;
            var (loadedRate, loadedAccuracy) = TimedEvaluate(ml, loaded, rawVal, rows);
            using var engine = ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(loaded);
            var timings = new List<double>();
            for (int i = 0; i < latencyRepeats + 2; i++)
            {
                var single = Stopwatch.StartNew();
                engine.Predict(sample);
                timings.Add(single.Elapsed.TotalMilliseconds);
            }
            var steady = timings.Skip(2).Order().ToList();
            return new Outcome(fittedRate, loadedRate, fittedAccuracy, loadedAccuracy, steady[steady.Count / 2]);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    // One untimed pass first (ONNX Runtime session warm-up, file cache), then the timed pass.
    private static (double ImagesPerSecond, double Accuracy) TimedEvaluate(MLContext ml, ITransformer model, IDataView data, int rows)
    {
        ml.MulticlassClassification.Evaluate(model.Transform(data));
        var clock = Stopwatch.StartNew();
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        return (rows / clock.Elapsed.TotalSeconds, metrics.MicroAccuracy);
    }
}
