using System.Globalization;
using System.Text;

namespace MlNetResNet.Benchmarks;

/// <summary>The markdown report: one row per configuration, ours against the better of the two peers.</summary>
internal static class ResultTable
{
    public static string Markdown(IReadOnlyList<ResultRow> rows, string commandLine, double sgemmGflops, int threads, int repeats)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Command: `{commandLine}`  ");
        text.AppendLine(c, $"{threads} threads; medians of {repeats} run(s) per side, side order rotated per repeat; sgemm 4096² practical peak {sgemmGflops:F0} GFLOP/s.");
        text.AppendLine();
        text.AppendLine("| model, px, images | train img/s: ours / peer / peer CL | train ratio | eval img/s: ours / peer / peer CL | eval ratio | ours eval, loaded zip (ratio) | batch-1 ms: ours / peer / peer CL | accuracy: ours / peer / peer CL | RSS MB ours: epoch 2 → last (peak) | peer peak RSS MB | ours train GFLOP/s |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var s = row.Settings;
            SideSummary? Get(string name) => row.Sides.TryGetValue(name, out var v) ? v : null;
            var ours = Get("ours");
            var peer = Get("peer");
            var peerCl = Get("peer-cl");
            string Three(Func<SideSummary, double> pick, string format) =>
                string.Join(" / ", new[] { ours, peer, peerCl }.Select(x => x is null ? "–" : pick(x).ToString(format, c)));
            double BestPeer(Func<SideSummary, double> pick) => new[] { peer, peerCl }.Where(x => x is not null).Select(x => pick(x!)).DefaultIfEmpty(double.NaN).Max();
            string Ratio(Func<SideSummary, double> pick) => ours is null ? "–" : (pick(ours) / BestPeer(pick)).ToString("F2", c) + "×";
            string Loaded() => ours is null ? "–" : $"{ours.EvalLoaded.ToString("F1", c)} ({(ours.EvalLoaded / BestPeer(x => x.Eval)).ToString("F2", c)}×)";
            string rss = ours is null ? "–" : $"{ours.RssEpoch2Mb:F0} → {ours.RssLastMb:F0} ({ours.PeakRssMb:F0})";
            string peerRss = string.Join(" / ", new[] { peer, peerCl }.Select(x => x is null ? "–" : x.PeakRssMb.ToString("F0", c)));
            string gflops = ours is null ? "–" : (ours.TrainSteady * ModelFlops.TrainGflop(s.Arch, s.ImageSize)).ToString("F0", c);
            text.AppendLine(c, $"| {s.Arch}, {s.ImageSize}, {row.TrainImages}+{row.ValImages} ({row.SourceSide} px JPEG), batch {s.BatchSize}, {s.Epochs} epochs " +
                $"| {Three(x => x.TrainSteady, "F1")} | {Ratio(x => x.TrainSteady)} | {Three(x => x.Eval, "F1")} | {Ratio(x => x.Eval)} | {Loaded()} " +
                $"| {Three(x => x.LatencyMs, "F1")} | {Three(x => x.Accuracy * 100, "F1")} | {rss} | {peerRss} | {gflops} |");
        }
        text.AppendLine();
        text.AppendLine("Train img/s: epochs 2..N (steady state), decode + augment + step. Eval: ours = `Transform` + `Evaluate` on the fitted model (batched ONNX Runtime); loaded zip = the same on the model.zip loaded back (ML.NET's OnnxTransformer, row by row); peer = its `model.eval()` loop over a DataLoader. Batch-1: ours = `PredictionEngine` on the loaded model.zip, peer = decode + preprocess + forward of one file; both median. Ratios: ours / the better peer. Peer = PyTorch recipe, CL = channels-last.");
        return text.ToString();
    }
}
