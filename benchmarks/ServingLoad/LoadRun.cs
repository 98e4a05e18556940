using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks.ServingLoad;

/// <summary>N clients, each sending one v2 infer request (one image) after another for a fixed time.</summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(HttpClient client, string setting, int clients, TimeSpan duration,
        IReadOnlyList<string> bodies, Func<Task>? midRun = null)
    {
        var latencies = new ConcurrentBag<double>();
        var versions = new ConcurrentDictionary<string, int>();
        int errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            for (int i = worker; clock.Elapsed < duration; i += clients)
            {
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(bodies[i % bodies.Count], Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync("/v2/models/model/infer", content);
                    string text = await response.Content.ReadAsStringAsync();
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        Console.Error.WriteLine($"  error {(int)response.StatusCode}: {text}");
                        continue;
                    }
                    versions.AddOrUpdate(JsonNode.Parse(text)!["model_version"]!.GetValue<string>(), 1, (_, n) => n + 1);
                    latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (HttpRequestException error)
                {
                    Interlocked.Increment(ref errors);
                    Console.Error.WriteLine($"  error: {error.Message}");
                }
            }
        })).ToList();
        if (midRun is not null)
        {
            await Task.Delay(duration / 2);
            await midRun();
        }
        await Task.WhenAll(workers);
        double seconds = clock.Elapsed.TotalSeconds;
        return new LoadResult(setting, clients, seconds, errors, latencies.Order().ToArray(), versions);
    }
}
