using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>Generates the data, runs every row for every seed, and writes results.json and results.md.</summary>
internal static class AblationRun
{
    public static int Run(AblationSettings settings)
    {
        UnbalancedFlowerSet.Ensure(settings.Pairs, settings.Data, settings.LargestTrainClass, settings.LargestValidationClass, settings.SourceSide, seed: 1);
        var counts = UnbalancedFlowerSet.ClassNames(settings.Pairs).Select((_, label) =>
            $"{UnbalancedFlowerSet.Count(label, settings.LargestTrainClass, 10)}+{UnbalancedFlowerSet.Count(label, settings.LargestValidationClass, 5)}");
        Console.WriteLine($"data: {UnbalancedFlowerSet.ClassNames(settings.Pairs).Count} classes, train+val per class {string.Join(" ", counts)}, " +
                          $"{settings.ImageSize} px, {settings.Epochs} epochs, {settings.Threads} threads, load average {LoadAverage()}");
        var rows = AblationRows.All.Where(row => settings.Rows.Count == 0 || settings.Rows.Contains(row.Name)).ToList();
        // Runs already in results.json are kept and not repeated, so rows can be added (or a cut run continued) later.
        var results = Previous(Path.Combine(settings.Results, "results.json"));
        // Runs of another results folder (e.g. rows run in a second process) join these, unless this folder has them.
        if (settings.Merge is { } merge)
            results.AddRange(Previous(merge).Where(other => !results.Any(r => r.Row == other.Row && r.Seed == other.Seed)));
        bool Done(string row, int seed) => results.Any(r => r.Row == row && r.Seed == seed);
        foreach (int seed in settings.Seeds)
        {
            foreach (var row in rows.Where(row => !Done(row.Name, seed)))
            {
                results.Add(AblationRunner.Fit(row, settings, seed, settings.Epochs));
                Write(results, settings);
            }
            var seedRun = results.FirstOrDefault(r => r.Seed == seed && r.Row == AblationRows.Seed);
            var modernRun = results.FirstOrDefault(r => r.Seed == seed && r.Row == AblationRows.Modern);
            if (seedRun is not null && modernRun is not null && !Done(AblationRows.SeedAtModernTime, seed))
            {
                // Equal wall time: the seed recipe gets as many more epochs as the modern recipe's extra time buys.
                int epochs = (int)Math.Ceiling(settings.Epochs * modernRun.WallSeconds / seedRun.WallSeconds);
                results.Add(AblationRunner.Fit(new AblationRow(AblationRows.SeedAtModernTime, o => o.Recipe = TrainingRecipe.Seed),
                    settings, seed, Math.Max(settings.Epochs, epochs)));
            }
            // Written after every seed, so a run cut short still leaves its finished seeds behind.
            Write(results, settings);
        }
        return 0;
    }

    private static List<RunResult> Previous(string path)
    {
        if (!File.Exists(path)) return new List<RunResult>();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("Runs").Deserialize<List<RunResult>>() ?? new List<RunResult>();
    }

    private static void Write(List<RunResult> results, AblationSettings settings)
    {
        Directory.CreateDirectory(settings.Results);
        File.WriteAllText(Path.Combine(settings.Results, "results.json"), JsonSerializer.Serialize(new
        {
            settings.ImageSize, settings.SourceSide, settings.Epochs, settings.BatchSize, settings.LearningRate, settings.Threads,
            settings.LargestTrainClass, settings.LargestValidationClass, Runs = results,
        }, new JsonSerializerOptions { WriteIndented = true }));
        string table = Table(results);
        File.WriteAllText(Path.Combine(settings.Results, "results.md"), table);
        Console.WriteLine(table);
    }

    private static string Table(List<RunResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| row | seeds | accuracy | macro accuracy | NLL | ECE before T | ECE after T | best ECE of any T | calibrated model's ECE | wall s | epochs | scoring ms/image |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var order = AblationRows.All.Select(row => row.Name).Append(AblationRows.SeedAtModernTime).ToList();
        foreach (var group in results.GroupBy(r => r.Row).OrderBy(g => order.IndexOf(g.Key)))
        {
            var runs = group.ToList();
            text.AppendLine(string.Join(" | ", new[]
            {
                "| " + group.Key, runs.Count.ToString(CultureInfo.InvariantCulture),
                Spread(runs, r => 100 * r.Accuracy, "F1"), Spread(runs, r => 100 * r.MacroAccuracy, "F1"),
                Spread(runs, r => r.NllBefore, "F3"), Spread(runs, r => r.EceBefore, "F3"), Spread(runs, r => r.EceAfter, "F3"),
                runs.All(r => r.BestTemperatureEce is not null) ? Spread(runs, r => r.BestTemperatureEce!.Value, "F3") : "—",
                runs.All(r => r.EceFloor is not null) ? Spread(runs, r => r.EceFloor!.Value, "F3") : "—",
                Spread(runs, r => r.WallSeconds, "F0"), string.Join("/", runs.Select(r => r.Epochs).Distinct()),
                Spread(runs, r => r.ScoreMillisecondsPerImage, "F2") + " |",
            }));
        }
        text.AppendLine();
        text.AppendLine("Mean ± sample standard deviation over the seeds. Accuracy columns in %; NLL and ECE before the temperature are the");
        text.AppendLine("returned epoch's; ECE after T is with the temperature fitted on the same validation images; \"best ECE of any T\": the lowest");
        text.AppendLine("ECE a single temperature reaches there (the fit minimises NLL, not ECE). \"Calibrated model's ECE\":");
        text.AppendLine("what a perfectly calibrated model with the saved model's top probabilities would show on these images (sampling noise).");
        return text.ToString();
    }

    private static string Spread(List<RunResult> runs, Func<RunResult, double> value, string format)
    {
        var values = runs.Select(value).ToList();
        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + sd.ToString(format, CultureInfo.InvariantCulture);
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
