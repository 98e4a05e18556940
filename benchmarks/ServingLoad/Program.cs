using System.Globalization;
using System.Text.Json.Nodes;
using MlNetResNet.Benchmarks.ServingLoad;

// Load benchmark of `serve` on loopback (not a test): 1, 4, 16 clients for --seconds each with batching on (the
// defaults), the model file swapped mid-way through the 16-client run; then 16 clients against batching on and a
// second server with batching off (--max-batch 1), interleaved in thirds of --seconds each.
// usage: ServingLoad --model A.zip --swap-model B.zip --images DIR [--seconds 30] [--max-delay-ms 5]
var options = Arguments(args);
string model = Required(options, "--model"), swapModel = Required(options, "--swap-model"), imageFolder = Required(options, "--images");
var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--seconds", "30"), CultureInfo.InvariantCulture));
int maxDelay = int.Parse(options.GetValueOrDefault("--max-delay-ms", "5"), CultureInfo.InvariantCulture);
var bodies = Directory.EnumerateFiles(imageFolder, "*.*", SearchOption.AllDirectories)
    .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
    .Order(StringComparer.Ordinal).Take(32).Select(InferBody).ToList();
if (bodies.Count == 0) throw new ArgumentException($"--images '{imageFolder}' holds no .jpg or .png file.");

// The served file is a copy, so the swap never touches the caller's models.
string work = Path.Combine(Path.GetTempPath(), $"servingload-{Guid.NewGuid():N}");
Directory.CreateDirectory(work);
string served = Path.Combine(work, "model.zip"), servedOff = Path.Combine(work, "model-off", "model.zip");
Directory.CreateDirectory(Path.GetDirectoryName(servedOff)!);
var results = new List<LoadResult>();
try
{
    File.Copy(model, served);
    File.Copy(model, servedOff);
    using var batching = new ServerProcess(served, maxBatch: 16, maxDelayMs: maxDelay);
    await batching.WaitReadyAsync();
    // Warm-up at the highest concurrency, so ONNX Runtime's buffers have their largest batch before RSS is read.
    await LoadRun.RunAsync(batching.Client, "warm-up", 16, TimeSpan.FromSeconds(5), bodies);
    var rss = new List<(string When, double MiB)> { ("after warm-up", batching.RssMiB()) };
    foreach (int clients in new[] { 1, 4, 16 })
    {
        Func<Task>? swap = clients == 16 ? () => Swap(swapModel, served, work) : null;
        var result = await LoadRun.RunAsync(batching.Client, "batching on (16, 5 ms)", clients, duration, bodies, swap);
        results.Add(result);
        Report(result);
        rss.Add(($"after {clients} clients{(clients == 16 ? " (model swapped mid-run)" : "")}", batching.RssMiB()));
    }

    // Batching on against off at 16 clients, interleaved in thirds on two servers up at once (the machine is shared:
    // only interleaved runs see the same background load).
    using var unbatched = new ServerProcess(servedOff, maxBatch: 1, maxDelayMs: 0);
    await unbatched.WaitReadyAsync();
    await LoadRun.RunAsync(unbatched.Client, "warm-up", 16, TimeSpan.FromSeconds(5), bodies);
    var on = new List<LoadResult>();
    var off = new List<LoadResult>();
    double onCpu = 0, offCpu = 0;
    for (int third = 0; third < 3; third++)
    {
        double start = batching.CpuSeconds();
        on.Add(await LoadRun.RunAsync(batching.Client, "batching on (16, 5 ms)", 16, duration / 3, bodies));
        onCpu += batching.CpuSeconds() - start;
        start = unbatched.CpuSeconds();
        off.Add(await LoadRun.RunAsync(unbatched.Client, "batching off (--max-batch 1)", 16, duration / 3, bodies));
        offCpu += unbatched.CpuSeconds() - start;
        Report(on[^1]);
        Report(off[^1]);
    }
    var onTotal = Combine(on);
    var offTotal = Combine(off);
    results.Add(onTotal);
    results.Add(offTotal);
    rss.Add(("at the end", batching.RssMiB()));

    Console.WriteLine();
    Console.WriteLine("| setting | clients | requests/s | p50 ms | p99 ms | requests | errors | versions seen |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    foreach (var r in results)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Setting} | {r.Clients} | {r.Throughput:F1} | {r.P50Ms:F0} | {r.P99Ms:F0} | {r.Requests} | {r.Errors} | {string.Join(", ", r.Versions.Select(v => $"{v.Key}: {v.Value}"))} |"));
    Console.WriteLine();
    Console.WriteLine("server RSS (batching server): " + string.Join("; ", rss.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.When} {r.MiB:F0} MiB"))));
    // On a shared machine wall-clock throughput also measures how much CPU each server wins from the others
    // (16 concurrent ONNX Runtime calls hold more threads than one batched call); requests per CPU-second do not.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"16 clients, interleaved thirds, batching on / off: {onTotal.Throughput / offTotal.Throughput:F2}x requests/s; " +
        $"{onTotal.Requests / onCpu:F2} vs {offTotal.Requests / offCpu:F2} requests per server CPU-second = {onTotal.Requests / onCpu / (offTotal.Requests / offCpu):F2}x; " +
        $"errors in all runs: {results.Sum(r => r.Errors)}"));
    return results.Sum(r => r.Errors) == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

// The interleaved thirds as one run: time, errors and latencies add up.
static LoadResult Combine(List<LoadResult> parts) => new(parts[0].Setting + ", interleaved", parts[0].Clients,
    parts.Sum(p => p.Seconds), parts.Sum(p => p.Errors), parts.SelectMany(p => p.SortedLatenciesMs).Order().ToArray(),
    parts.SelectMany(p => p.Versions).GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Sum(v => v.Value)));

static void Report(LoadResult r) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  {r.Setting}, {r.Clients} clients: {r.Throughput:F1} req/s, p50 {r.P50Ms:F0} ms, p99 {r.P99Ms:F0} ms, {r.Errors} errors"));

// Written elsewhere and renamed over the served file, as a deployment does.
static Task Swap(string from, string served, string work)
{
    string staged = Path.Combine(work, "staged.zip");
    File.Copy(from, staged, overwrite: true);
    File.Move(staged, served, overwrite: true);
    Console.Error.WriteLine("  swapped the model file");
    return Task.CompletedTask;
}

static string InferBody(string path) => new JsonObject
{
    ["inputs"] = new JsonArray(new JsonObject
    {
        ["name"] = "image", ["datatype"] = "BYTES", ["shape"] = new JsonArray(1),
        ["data"] = new JsonArray(Convert.ToBase64String(File.ReadAllBytes(path))),
    }),
}.ToJsonString();

static Dictionary<string, string> Arguments(string[] args)
{
    var options = new Dictionary<string, string>();
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
        options[args[i]] = args[i + 1];
    }
    return options;
}

static string Required(Dictionary<string, string> options, string name) =>
    options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required.");
