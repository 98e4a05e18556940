using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks;

/// <summary>The numbers one side's JSON yields, computed the same way for ours and the peer.</summary>
internal sealed record SideSummary(string Side, double TrainAll, double TrainSteady, double Eval, double LatencyMs,
    double Accuracy, double PeakRssMb, double RssEpoch2Mb, double RssLastMb, double EvalLoaded)
{
    public static SideSummary From(JsonObject run)
    {
        var epochs = run["epochs"]!.AsArray().Select(e => e!.AsObject()).ToList();
        double Images(JsonObject e) => e["trainImagesPerSecond"]!.GetValue<double>() * e["trainSeconds"]!.GetValue<double>();
        double Seconds(JsonObject e) => e["trainSeconds"]!.GetValue<double>();
        // Steady state: every epoch after the first (ours fills its decoded-image cache in epoch 1).
        var steady = epochs.Count > 1 ? epochs.Skip(1).ToList() : epochs;
        double Rss(JsonObject e) => e["rssMb"]!.GetValue<double>();
        return new SideSummary(
            run["side"]!.GetValue<string>(),
            epochs.Sum(Images) / epochs.Sum(Seconds),
            steady.Sum(Images) / steady.Sum(Seconds),
            run["evalImagesPerSecond"]!.GetValue<double>(),
            run["batch1LatencyMs"]!.GetValue<double>(),
            run["finalValAccuracy"]!.GetValue<double>(),
            run["peakRssMb"]!.GetValue<double>(),
            Rss(epochs[Math.Min(1, epochs.Count - 1)]),
            Rss(epochs[^1]),
            run["evalLoadedImagesPerSecond"]?.GetValue<double>() ?? double.NaN);
    }

    /// <summary>Median of each number over repeated runs of the same side.</summary>
    public static SideSummary Median(IReadOnlyList<SideSummary> runs)
    {
        double M(Func<SideSummary, double> pick)
        {
            var values = runs.Select(pick).Order().ToList();
            return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
        }
        return new SideSummary(runs[0].Side, M(r => r.TrainAll), M(r => r.TrainSteady), M(r => r.Eval), M(r => r.LatencyMs),
            M(r => r.Accuracy), M(r => r.PeakRssMb), M(r => r.RssEpoch2Mb), M(r => r.RssLastMb), M(r => r.EvalLoaded));
    }
}
