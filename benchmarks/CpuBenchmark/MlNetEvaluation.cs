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
            var timings = TimeCalls(() => engine.Predict(sample), latencyRepeats);
            return new Outcome(fittedRate, loadedRate, fittedAccuracy, loadedAccuracy, Median(timings.Skip(WarmUpCalls)));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>Calls timed by <see cref="TimeCalls"/> before the steady ones.</summary>
    public const int WarmUpCalls = 2;

    /// <summary>Milliseconds of each of <see cref="WarmUpCalls"/> + <paramref name="repeats"/> calls, in order.</summary>
    public static List<double> TimeCalls(Action call, int repeats)
    {
        var timings = new List<double>();
        for (int i = 0; i < repeats + WarmUpCalls; i++)
        {
            var clock = Stopwatch.StartNew();
            call();
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }
        return timings;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
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
