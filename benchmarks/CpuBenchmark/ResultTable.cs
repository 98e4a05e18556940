using System.Globalization;
using System.Text;

namespace MlNetResNet.Benchmarks;

/// <summary>The markdown report: one row per configuration, ours (float32 and bfloat16-mixed) against the better of the two peers.</summary>
internal static class ResultTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Markdown(IReadOnlyList<ResultRow> rows, string commandLine, double sgemmGflops, int threads, int repeats)
    {
        var text = new StringBuilder();
        text.AppendLine(C, $"Command: `{commandLine}`  ");
        text.AppendLine(C, $"{threads} threads; medians of {repeats} run(s) per side, side order rotated per repeat; sgemm 4096² practical peak {sgemmGflops:F0} GFLOP/s.");
        text.AppendLine();
        text.AppendLine("| model, px, images | train img/s: ours / ours bf16 / peer / peer CL | train ratio: ours (bf16) | eval img/s: ours fitted / ours loaded zip / peer / peer CL | eval ratio: fitted (loaded) | batch-1 ms: ours / peer / peer CL | accuracy %: ours / ours bf16 / peer / peer CL | RSS MB ours: epoch 2 → last (peak) | peer peak RSS MB | ours train GFLOP/s (bf16) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows) text.AppendLine(Row(row));
        text.AppendLine();
        text.AppendLine("Train img/s: epochs 2..N (steady state), decode + augment + step. Ours bf16 = the same trainer with `Precision = BFloat16Mixed` " +
            "(bfloat16 convolutions, float32 weights and optimizer; validation and the saved model float32). Eval: ours fitted = `Transform` + `Evaluate` " +
            "on the fitted model (batched ONNX Runtime); loaded zip = the same on the model.zip loaded back (ML.NET's OnnxTransformer, row by row); " +
            "peer = its `model.eval()` loop over a DataLoader (best epoch). Batch-1: ours = `PredictionEngine` on the loaded model.zip, peer = decode + " +
            "preprocess + forward of one file; both median. Ratios: ours / the better peer. Peer = PyTorch recipe, CL = channels-last.");
        return text.ToString();
    }

    private static string Row(ResultRow row)
    {
        var s = row.Settings;
        SideSummary? Get(string name) => row.Sides.TryGetValue(name, out var v) ? v : null;
        var ours = Get("ours");
        var bf16 = Get("ours-bf16");
        var peers = new[] { Get("peer"), Get("peer-cl") };
        string Many(IEnumerable<SideSummary?> sides, Func<SideSummary, double> pick, string format) =>
            string.Join(" / ", sides.Select(x => x is null ? "–" : pick(x).ToString(format, C)));
        double BestPeer(Func<SideSummary, double> pick) =>
            peers.Where(x => x is not null).Select(x => pick(x!)).DefaultIfEmpty(double.NaN).Max();
        string Ratio(SideSummary? side, Func<SideSummary, double> pick) =>
            side is null ? "–" : (pick(side) / BestPeer(pick)).ToString("F2", C) + "×";

        string evalRates = string.Join(" / ",
            new[] { ours?.Eval, ours?.EvalLoaded }.Select(v => v is null ? "–" : v.Value.ToString("F1", C))
                .Concat(peers.Select(p => p is null ? "–" : p.Eval.ToString("F1", C))));
        string evalRatio = ours is null ? "–"
            : $"{Ratio(ours, x => x.Eval)} ({(ours.EvalLoaded / BestPeer(x => x.Eval)).ToString("F2", C)}×)";
        string rss = ours is null ? "–" : $"{ours.RssEpoch2Mb:F0} → {ours.RssLastMb:F0} ({ours.PeakRssMb:F0})";
        double flop = ModelFlops.TrainGflop(s.Arch, s.ImageSize);
        string gflops = $"{(ours is null ? "–" : (ours.TrainSteady * flop).ToString("F0", C))} ({(bf16 is null ? "–" : (bf16.TrainSteady * flop).ToString("F0", C))})";
        return $"| {s.Arch}{(s.Pretrained ? " (ImageNet start)" : "")}, {s.ImageSize}, {row.TrainImages}+{row.ValImages} ({row.SourceSide} px JPEG), " +
            $"batch {s.BatchSize}, {s.Epochs} epochs, lr {s.LearningRate.ToString("G", C)} " +
            $"| {Many(new[] { ours, bf16 }.Concat(peers), x => x.TrainSteady, "F1")} | {Ratio(ours, x => x.TrainSteady)} ({Ratio(bf16, x => x.TrainSteady)}) " +
            $"| {evalRates} | {evalRatio} | {Many(new[] { ours }.Concat(peers), x => x.LatencyMs, "F1")} " +
            $"| {Many(new[] { ours, bf16 }.Concat(peers), x => x.Accuracy * 100, "F1")} | {rss} " +
            $"| {Many(peers, x => x.PeakRssMb, "F0")} | {gflops} |";
    }
}
