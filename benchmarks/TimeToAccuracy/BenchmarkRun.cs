using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>Generates the data, runs every recipe for every seed, and writes results.json, curves.csv and results.md.</summary>
internal static class BenchmarkRun
{
    public static int Run(BenchmarkSettings settings)
    {
        HarderFlowerSet.Ensure(settings.Pairs, settings.DataFolder, settings.TrainPerClass, settings.ValidationPerClass, settings.SourceSide, seed: 1);
        Console.WriteLine($"data: {settings.DataFolder} ({HarderFlowerSet.ClassNames(settings.Pairs).Count} classes, " +
                          $"{settings.TrainPerClass} + {settings.ValidationPerClass} per class), {settings.ImageSize} px, " +
                          $"{settings.Threads} threads, load average {LoadAverage()}");
        var results = new List<RunResult>();
        foreach (int seed in settings.Seeds)
        {
            var full = settings.OursFull ? RecipeRunner.Fit("full (ours, seed recipe)", settings, seed, _ => { }) : null;
            if (full is not null) results.Add(full);
            var peer = settings.Python is null ? null : PeerRecipe.Fit(settings, settings.Python, settings.PeerScript, seed);
            if (peer is not null) results.Add(peer);
            // The issue's budget: a third of the seed recipe's wall time, the PyTorch recipe's when it ran. Ours runs the
            // same kernels and may be the faster: then a third of its time is the stricter budget, and it runs too.
            double seedSeconds = peer?.WallSeconds ?? full!.WallSeconds;
            var issueBudget = RecipeRunner.Fit(peer is null ? TwoStageOursBudget : TwoStagePeerBudget, settings, seed,
                o => TwoStage(o, TimeSpan.FromSeconds(seedSeconds / 3)));
            results.Add(issueBudget);
            if (peer is not null && full is not null)
            {
                results.Add(full.WallSeconds < peer.WallSeconds
                    ? RecipeRunner.Fit(TwoStageFasterBudget, settings, seed, o => TwoStage(o, TimeSpan.FromSeconds(full.WallSeconds / 3)))
                    : issueBudget with { Recipe = TwoStageFasterBudget }); // the same budget: the same run stands for both
            }
            string cache = Path.Combine(settings.Data, $"feature-cache-{settings.ImageSize}px-seed{seed}");
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
            foreach (string recipe in new[] { "head (cold cache)", "head (warm cache)" })
            {
                results.Add(RecipeRunner.Fit(recipe, settings, seed, o =>
                {
                    o.FineTuning = FineTuningMode.HeadOnly;
                    o.FeatureCacheDirectory = cache;
                }));
            }
            // Written after every seed, so a run cut short still leaves its finished seeds behind.
            Write(results, settings);
        }
        return 0;
    }

    private const string TwoStagePeerBudget = "two-stage (budget 1/3 of PyTorch's)";
    private const string TwoStageOursBudget = "two-stage (budget 1/3 of ours)";
    private const string TwoStageFasterBudget = "two-stage (budget 1/3 of the faster)";

    private static void TwoStage(ResNetClassifierOptions options, TimeSpan budget)
    {
        options.FineTuning = FineTuningMode.TwoStage;
        options.TimeBudget = budget;
        // bf16-mixed where the probe measures it faster on this CPU (inside the budget); float32 elsewhere.
        options.Precision = TrainingPrecision.Auto;
    }

    /// <summary>TwoStage alone for every seed; without a budget stage 2 runs the settings' epochs.</summary>
    public static int RunTwoStageOnly(BenchmarkSettings settings, TimeSpan? budget, string? cacheDirectory,
        Action<ResNetClassifierOptions> configure)
    {
        HarderFlowerSet.Ensure(settings.Pairs, settings.DataFolder, settings.TrainPerClass, settings.ValidationPerClass, settings.SourceSide, seed: 1);
        Console.WriteLine($"two-stage alone, budget {budget?.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) ?? "none"}, " +
                          $"{settings.ImageSize} px, load average {LoadAverage()}");
        foreach (int seed in settings.Seeds)
        {
            RecipeRunner.Fit("two-stage", settings, seed, o =>
            {
                configure(o);
                o.TimeBudget = budget;
                o.FeatureCacheDirectory = cacheDirectory;
            });
        }
        return 0;
    }

    private static void Write(List<RunResult> results, BenchmarkSettings settings)
    {
        Directory.CreateDirectory(settings.Results);
        File.WriteAllText(Path.Combine(settings.Results, "results.json"), JsonSerializer.Serialize(results.Select(r => new
        {
            r.Recipe, r.Seed, r.WallSeconds, r.BestAccuracy,
            Curve = r.Curve.Select(p => new { p.Seconds, p.Accuracy }),
            Plan = r.Plan?.ToString(),
            Stage1Seconds = r.Plan?.Stages.FirstOrDefault(s => s.Name == "features")?.Seconds,
        }), new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(settings.Results, "curves.csv"), Curves(results));
        string table = Table(results, settings);
        File.WriteAllText(Path.Combine(settings.Results, "results.md"), table);
        Console.WriteLine(table);
    }

    private static string Curves(List<RunResult> results)
    {
        var csv = new StringBuilder("recipe,seed,seconds,valAccuracy\n");
        foreach (var run in results)
        foreach (var (seconds, accuracy) in run.Curve)
            csv.AppendLine(FormattableString.Invariant($"{CsvField(run.Recipe)},{run.Seed},{seconds:F2},{accuracy:F4}"));
        return csv.ToString();
    }

    // RFC 4180: a field with a comma or a quote is quoted, its quotes doubled ("full (ours, seed recipe)" has a comma).
    private static string CsvField(string value) =>
        value.IndexOfAny([',', '"']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Table(List<RunResult> results, BenchmarkSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"| recipe ({settings.ImageSize} px) | seeds | wall s (mean) | best val accuracy (mean) | per seed |"));
        text.AppendLine("|---|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Recipe))
        {
            var runs = group.ToList();
            string perSeed = string.Join(", ", runs.Select(r => FormattableString.Invariant($"{r.WallSeconds:F0} s {r.BestAccuracy:P1}")));
            text.AppendLine(FormattableString.Invariant(
                $"| {group.Key} | {runs.Count} | {runs.Average(r => r.WallSeconds):F1} | {runs.Average(r => r.BestAccuracy):P2} | {perSeed} |"));
        }
        foreach (var (what, part) in new (string, Func<PlannedStage, double>)[] { ("stage 1 (features + head)", s => s.Seconds), ("features alone", s => s.FeatureSeconds) })
        {
            var cold = results.Where(r => r.Recipe == "head (cold cache)").Select(r => Stage1(r, part)).ToList();
            var warm = results.Where(r => r.Recipe == "head (warm cache)").Select(r => Stage1(r, part)).ToList();
            if (cold.Count > 0 && warm.Count > 0)
                text.AppendLine(FormattableString.Invariant(
                    $"\n{what}: cold cache {cold.Average():F2} s, warm cache {warm.Average():F2} s, speed-up {cold.Average() / warm.Average():F1}x."));
        }
        return text.ToString();
    }

    private static double Stage1(RunResult run, Func<PlannedStage, double> part) =>
        run.Plan?.Stages.FirstOrDefault(s => s.Name == "features") is { } stage ? part(stage) : double.NaN;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
