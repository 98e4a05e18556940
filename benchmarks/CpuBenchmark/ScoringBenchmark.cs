using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// <c>cpu-benchmark scoring</c>: evaluation and single-image latency of a saved model.zip against the PyTorch peer
/// (benchmarks/peer/pytorch_scoring.py) holding the same weights, at each <c>--sizes</c> image size, in one run.
/// Per size: fit ResNet-18 from ImageNet weights (<c>scoring-fit</c>), then <c>--eval-rounds</c> rounds of
/// (fast loader + plain ML.NET, peer) evaluation and <c>--pairs</c> pairs of fresh-process batch-1 latency, the
/// two sides alternating A B, B A, … so that the machine's slow spells fall on both; ratios are taken per round/pair.
/// Each latency pair also runs, between its two sides, ours with <c>SleepingOnnxThreads.UseForLoadedModels</c> ("no-spin").
/// <c>--eval-rounds 0 --reuse-model</c> runs the latency pairs alone on the models of an earlier run; <c>--peer-env
/// NAME=VALUE,…</c> sets environment variables for the peer's processes.
/// </summary>
internal static class ScoringBenchmark
{
    public static int Run(ArgumentReader reader, string[] args, string repoRoot)
    {
        string python = reader.Text("--python", "/usr/bin/python3");
        string dataRoot = Path.GetFullPath(reader.Text("--data-root", Path.Combine(repoRoot, "out", "cpu-benchmark-data")));
        string resultsFolder = Path.GetFullPath(reader.Text("--results", Path.Combine(repoRoot, "benchmarks", "results")));
        var sizes = reader.List("--sizes", "64,224").Select(int.Parse).ToList();
        int trainImages = reader.Int("--train-images", 64), valImages = reader.Int("--val-images", 256);
        int rounds = reader.Int("--eval-rounds", 2), pairs = reader.Int("--pairs", 4);
        string threads = $"{reader.Int("--threads", 2)}", workers = $"{reader.Int("--workers", 2)}";
        string batch = $"{reader.Int("--batch-size", 32)}", repeats = $"{reader.Int("--latency-repeats", 30)}";
        string self = Environment.ProcessPath!;
        string peer = Path.Combine(repoRoot, "benchmarks", "peer", "pytorch_scoring.py");
        // e.g. OMP_WAIT_POLICY=PASSIVE: how much of the peer's time on a busy machine is OpenMP threads spinning.
        var peerEnvironment = reader.List("--peer-env", "").Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        string commandLine = "cpu-benchmark " + string.Join(' ', args);
        Console.WriteLine($"Command: {commandLine}");

        var document = new JsonObject { ["command"] = commandLine, ["cpus"] = Environment.ProcessorCount, ["runs"] = new JsonArray() };
        var table = new StringBuilder();
        foreach (int size in sizes)
        {
            int side = (int)Math.Round(size * 256 / 224.0, MidpointRounding.ToEven) * 5 / 4;
            string data = Path.Combine(dataRoot, $"shapes-{trainImages}-{valImages}-{side}px");
            ShapeFolderMaker.Ensure(data, trainImages, valImages, side, seed: 1);
            string modelFolder = Path.Combine(dataRoot, $"scoring-resnet18-{size}px");
            Directory.CreateDirectory(modelFolder);
            string val = Path.Combine(data, "val");
            string image = Directory.GetFiles(Directory.GetDirectories(val).Order().First()).Order().First();

            string model = Path.Combine(modelFolder, "model.zip"), weights = Path.Combine(modelFolder, "weights.pth");
            // --reuse-model: the model.zip and weights of an earlier run (the fit is deterministic), e.g. for latency-only runs.
            bool reuse = reader.Flag("--reuse-model") && File.Exists(model) && File.Exists(weights);
            var fit = reuse ? new JsonObject { ["model"] = model, ["reused"] = true }
                : Child(self, ["scoring-fit", "--data", data, "--out", modelFolder, "--image-size", $"{size}", "--threads", threads, "--batch-size", batch]);
            // Results are committed: record where the model lies relative to the repository, not this machine's path.
            fit["model"] = Path.GetRelativePath(repoRoot, model);
            if (!reuse) Console.WriteLine($"[{size} px] fitted model: eval {Rate(fit["evalImagesPerSecond"])} img/s, accuracy {fit["accuracy"]}");

            string[] ours = ["scoring-eval", "--model", model, "--data", val, "--batch-size", batch];
            string[] theirs = [peer, "--mode", "eval", "--weights", weights, "--image-size", $"{size}", "--data", val,
                "--threads", threads, "--workers", workers, "--batch-size", batch];
            var evalRounds = Alternate(rounds, () => Child(self, ours), () => Child(python, theirs, peerEnvironment));
            string[] oursLatency = ["scoring-latency", "--model", model, "--image", image, "--repeats", repeats];
            string[] theirsLatency = [peer, "--mode", "latency", "--weights", weights, "--image-size", $"{size}", "--image", image,
                "--threads", threads, "--repeats", repeats];
            // Each pair also runs ours with the app-level option that ONNX Runtime's idle threads sleep (--no-spin), between the two.
            var latencyPairs = Alternate(pairs, () => Child(self, oursLatency), () => Child(python, theirsLatency, peerEnvironment),
                () => Child(self, [.. oursLatency, "--no-spin"]));

            var run = new JsonObject
            {
                ["imageSize"] = size, ["sourceSide"] = side, ["valImages"] = valImages, ["fit"] = fit,
                ["eval"] = ToArray(evalRounds), ["latency"] = ToArray(latencyPairs),
            };
            document["runs"]!.AsArray().Add(run);
            table.AppendLine(Row(size, side, fit, evalRounds, latencyPairs));
            Console.WriteLine(table.ToString().TrimEnd().Split('\n')[^1]);
        }

        Directory.CreateDirectory(resultsFolder);
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string markdown = $"Command: `{commandLine}`\n\n{Header}\n{table}";
        File.WriteAllText(Path.Combine(resultsFolder, $"scoring-{stamp}.md"), markdown);
        File.WriteAllText(Path.Combine(resultsFolder, $"scoring-{stamp}.json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(markdown);
        Console.WriteLine($"Wrote {Path.Combine(resultsFolder, $"scoring-{stamp}.md")} and .json");
        return 0;
    }

    private const string Header =
        "| px (JPEG side) | eval img/s: fast loader / plain ML.NET loaded / fitted / PyTorch, per round | fast / PyTorch per round | plain / PyTorch | accuracy: fast / plain / PyTorch | batch-1 ms: ours / ours no-spin / PyTorch, per pair | ours / PyTorch per pair | ours no-spin / PyTorch | load average during the size |\n" +
        "|---|---|---|---|---|---|---|---|---|";

    // Round i runs A (middle) B when i is even, B (middle) A when odd; the middle side, when given, lands in A's object.
    private static List<(JsonObject Ours, JsonObject Peer)> Alternate(int count, Func<JsonObject> ours, Func<JsonObject> peer,
        Func<JsonObject>? middle = null)
    {
        var results = new List<(JsonObject, JsonObject)>();
        for (int i = 0; i < count; i++)
        {
            JsonObject a, b;
            JsonObject? m;
            if (i % 2 == 0)
            {
                a = ours();
                m = middle?.Invoke();
                b = peer();
            }
            else
            {
                b = peer();
                m = middle?.Invoke();
                a = ours();
            }
            if (m is not null) a["noSpin"] = m;
            results.Add((a, b));
        }
        return results;
    }

    private static JsonObject Child(string program, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        double before = LoadAverage();
        var result = ChildProcess.RunForJson(program, arguments, environment: environment);
        result["loadAverageBefore"] = before;
        result["loadAverageAfter"] = LoadAverage();
        return result;
    }

    private static string Row(int size, int side, JsonObject fit, List<(JsonObject Ours, JsonObject Peer)> eval,
        List<(JsonObject Ours, JsonObject Peer)> latency)
    {
        if (eval.Count == 0) return $"| {size} ({side} px) | – | – | – | – | {LatencyCells(latency)} | {Loads(latency)} |";
        string rates = string.Join("; ", eval.Select(r =>
            $"{Rate(r.Ours["fastImagesPerSecond"])} / {Rate(r.Ours["plainImagesPerSecond"])} / {Rate(fit["evalImagesPerSecond"])} / {Rate(r.Peer["imagesPerSecond"])}"));
        string fastRatios = string.Join(", ", eval.Select(r => Ratio(r.Ours["fastImagesPerSecond"], r.Peer["imagesPerSecond"])));
        string plainRatios = string.Join(", ", eval.Select(r => Ratio(r.Ours["plainImagesPerSecond"], r.Peer["imagesPerSecond"])));
        var last = eval[^1];
        string accuracy = $"{Percent(last.Ours["fastAccuracy"])} / {Percent(last.Ours["plainAccuracy"])} / {Percent(last.Peer["accuracy"])}";
        return $"| {size} ({side} px) | {rates} | {fastRatios} | {plainRatios} | {accuracy} | {LatencyCells(latency)} | {Loads(eval.Concat(latency))} |";
    }

    private static string LatencyCells(List<(JsonObject Ours, JsonObject Peer)> latency) =>
        string.Join("; ", latency.Select(p => $"{Rate(p.Ours["medianMs"])} / {Rate(p.Ours["noSpin"]?["medianMs"])} / {Rate(p.Peer["medianMs"])}")) + " | " +
        string.Join(", ", latency.Select(p => Ratio(p.Ours["medianMs"], p.Peer["medianMs"]))) + " | " +
        string.Join(", ", latency.Select(p => p.Ours["noSpin"] is null ? "–" : Ratio(p.Ours["noSpin"]!["medianMs"], p.Peer["medianMs"])));

    private static string Loads(IEnumerable<(JsonObject Ours, JsonObject Peer)> runs)
    {
        var loads = runs.SelectMany(p => new[] { p.Ours, p.Peer })
            .SelectMany(r => new[] { r["loadAverageBefore"]!.GetValue<double>(), r["loadAverageAfter"]!.GetValue<double>() }).ToList();
        return $"{loads.Min():F1}–{loads.Max():F1}";
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    // A reused model (--reuse-model) has no fitted-model figure.
    private static string Rate(JsonNode? value) => value?.GetValue<double>().ToString("F1", CultureInfo.InvariantCulture) ?? "–";
    private static string Percent(JsonNode? value) => (100 * value!.GetValue<double>()).ToString("F1", CultureInfo.InvariantCulture);
    private static string Ratio(JsonNode? a, JsonNode? b) =>
        (a!.GetValue<double>() / b!.GetValue<double>()).ToString("F2", CultureInfo.InvariantCulture) + "×";

    private static JsonArray ToArray(List<(JsonObject Ours, JsonObject Peer)> pairs) =>
        new(pairs.Select(p => (JsonNode)new JsonObject { ["ours"] = p.Ours, ["peer"] = p.Peer }).ToArray());
}
