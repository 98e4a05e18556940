using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Runs every configuration on every side, rotating the order of the sides each repeat so that a busy
/// machine's slow spells fall on all of them, then writes the table and raw JSON.
/// </summary>
internal static class Orchestrator
{
    public static int Run(ArgumentReader reader, string[] args)
    {
        string repoRoot = FindRepoRoot();
        string python = reader.Text("--python", "/usr/bin/python3");
        string dataRoot = Path.GetFullPath(reader.Text("--data-root", Path.Combine(repoRoot, "out", "cpu-benchmark-data")));
        string resultsFolder = Path.GetFullPath(reader.Text("--results", Path.Combine(repoRoot, "benchmarks", "results")));
        var configs = reader.List("--configs", "resnet18:64,resnet18:224,resnet50:224");
        var sides = reader.List("--sides", "ours,peer,peer-cl");
        int repeats = reader.Int("--repeats", 1);
        int trainImages = reader.Int("--train-images", 800), valImages = reader.Int("--val-images", 200);
        var baseSettings = RunSettings.Parse(reader);
        if (reader.Flag("--pretrained"))
            baseSettings = baseSettings with { PretrainedPth = ImageNetPth.Ensure(dataRoot) };
        string commandLine = "cpu-benchmark " + string.Join(' ', args);
        Console.WriteLine($"Command: {commandLine}");

        var sgemm = ChildProcess.RunForJson(Environment.ProcessPath!, new[] { "gemm", "--threads", $"{baseSettings.Threads}" })["sgemmGflops"]!.GetValue<double>();
        Console.WriteLine($"sgemm 4096² on {baseSettings.Threads} threads: {sgemm:F0} GFLOP/s");

        var rows = new List<ResultRow>();
        var raw = new JsonArray();
        foreach (var config in configs)
        {
            var parts = config.Split(':');
            var settings = baseSettings with { Arch = parts[0], ImageSize = int.Parse(parts[1]) };
            int side = reader.Int("--source-side", 0) is > 0 and var given ? given : settings.ResizeSize * 5 / 4;
            string data = Path.Combine(dataRoot, $"shapes-{trainImages}-{valImages}-{side}px");
            ShapeFolderMaker.Ensure(data, trainImages, valImages, side, settings.Seed);
            settings = settings with { Data = data };

            var runs = sides.ToDictionary(s => s, _ => new List<SideSummary>());
            for (int repeat = 0; repeat < repeats; repeat++)
            {
                var order = sides.Skip(repeat % sides.Count).Concat(sides.Take(repeat % sides.Count));
                foreach (var name in order)
                {
                    Console.WriteLine($"[{config}] repeat {repeat + 1}/{repeats}: {name}");
                    var result = RunSide(name, settings, repoRoot, python);
                    result["config"] = config;
                    result["repeat"] = repeat;
                    raw.Add(result);
                    var summary = SideSummary.From(result);
                    runs[name].Add(summary);
                    Console.WriteLine($"  train {summary.TrainSteady:F1} img/s (all epochs {summary.TrainAll:F1}), eval {summary.Eval:F1} img/s, " +
                        $"batch-1 {summary.LatencyMs:F1} ms, accuracy {summary.Accuracy:P1}, peak RSS {summary.PeakRssMb:F0} MB");
                }
            }
            rows.Add(new ResultRow(settings, trainImages, valImages, side, runs.ToDictionary(p => p.Key, p => SideSummary.Median(p.Value))));
        }

        Directory.CreateDirectory(resultsFolder);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
        string markdown = ResultTable.Markdown(rows, commandLine, sgemm, baseSettings.Threads, repeats);
        File.WriteAllText(Path.Combine(resultsFolder, $"cpu-{stamp}.md"), markdown);
        var document = new JsonObject { ["command"] = commandLine, ["sgemmGflops"] = sgemm, ["runs"] = raw };
        File.WriteAllText(Path.Combine(resultsFolder, $"cpu-{stamp}.json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {Path.Combine(resultsFolder, $"cpu-{stamp}.md")} and .json");
        return 0;
    }

    private static JsonObject RunSide(string name, RunSettings settings, string repoRoot, string python) => name switch
    {
        "ours" => ChildProcess.RunForJson(Environment.ProcessPath!, new[] { "ours" }.Concat(settings.ToArguments())),
        "ours-bf16" => ChildProcess.RunForJson(Environment.ProcessPath!, new[] { "ours" }.Concat((settings with { Precision = "bf16" }).ToArguments())),
        "peer" => PeerRunner.Run(settings, channelsLast: false, repoRoot, python),
        "peer-cl" => PeerRunner.Run(settings, channelsLast: true, repoRoot, python),
        _ => throw new ArgumentException($"Unknown side '{name}' in --sides (ours, ours-bf16, peer, peer-cl)."),
    };

    public static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MlNetResNet.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (MlNetResNet.sln not found above the program or the current folder).");
    }
}

/// <summary>One configuration's medians per side.</summary>
internal sealed record ResultRow(RunSettings Settings, int TrainImages, int ValImages, int SourceSide, IReadOnlyDictionary<string, SideSummary> Sides);
