using System.Globalization;
using System.Text.Json.Nodes;
using MlNetResNet.Benchmarks.ServingLoad;

// Load benchmark of `serve` on loopback (not a test): 1, 4, 16 clients for --seconds each with batching on (the
// defaults), the model file swapped mid-way through the 16-client run, then 16 clients with batching off (--max-batch 1).
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
string served = Path.Combine(work, "model.zip");
var results = new List<LoadResult>();
try
{
    File.Copy(model, served);
    double rssBefore, rssAfter;
    using (var server = new ServerProcess(served, maxBatch: 16, maxDelayMs: maxDelay))
    {
        await server.WaitReadyAsync();
        await LoadRun.RunAsync(server.Client, "warm-up", 4, TimeSpan.FromSeconds(3), bodies);
        rssBefore = server.RssMiB();
        foreach (int clients in new[] { 1, 4, 16 })
        {
            Func<Task>? swap = clients == 16 ? () => Swap(swapModel, served, work) : null;
            var result = await LoadRun.RunAsync(server.Client, "batching on (16, 5 ms)", clients, duration, bodies, swap);
            results.Add(result);
            Report(result);
        }
        rssAfter = server.RssMiB();
    }
    Console.WriteLine($"server RSS: {rssBefore:F0} MiB after warm-up, {rssAfter:F0} MiB after the batching-on runs");
    File.Copy(model, served, overwrite: true);
    using (var server = new ServerProcess(served, maxBatch: 1, maxDelayMs: 0))
    {
        await server.WaitReadyAsync();
        await LoadRun.RunAsync(server.Client, "warm-up", 4, TimeSpan.FromSeconds(3), bodies);
        var off = await LoadRun.RunAsync(server.Client, "batching off (1)", 16, duration, bodies);
        results.Add(off);
        Report(off);
    }
    var on16 = results.Single(r => r.Clients == 16 && r.Setting.StartsWith("batching on", StringComparison.Ordinal));
    var off16 = results.Last();
    Console.WriteLine();
    Console.WriteLine("| setting | clients | requests/s | p50 ms | p99 ms | requests | errors | versions seen |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|");
    foreach (var r in results)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Setting} | {r.Clients} | {r.Throughput:F1} | {r.P50Ms:F0} | {r.P99Ms:F0} | {r.Requests} | {r.Errors} | {string.Join(", ", r.Versions.Select(v => $"{v.Key}: {v.Value}"))} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"16 clients, batching on / off: {on16.Throughput / off16.Throughput:F2}x; errors in all runs: {results.Sum(r => r.Errors)}"));
    return results.Sum(r => r.Errors) == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

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
