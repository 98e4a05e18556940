using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlNetResNet.Serving.Models;
using MlNetResNet.Serving.Tests.Support;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Serving.Tests;

/// <summary>Replacing model.zip under load: renamed over, then copied over; no request fails and versions follow the file.</summary>
[Collection(ServedModelsCollection.Name)]
public sealed class ReloadTests(ServedModels models)
{
    [Fact]
    public async Task Replacing_the_model_file_under_concurrent_requests_swaps_versions_with_zero_failed_requests()
    {
        using var folder = new TempFolder("mlnetresnet-reload");
        string path = models.CopyOfModelA(folder);
        string versionA = RoutesTests.Hash(models.ModelA), versionB = RoutesTests.Hash(models.ModelB);
        Assert.NotEqual(versionA, versionB);
        await using var server = new ServerFactory(path);
        var client = await server.ReadyClientAsync();
        var registry = server.Services.GetRequiredService<ModelRegistry>();
        var first = registry.Current!;

        var failures = new ConcurrentQueue<string>();
        var versions = new ConcurrentDictionary<string, int>();
        int succeeded = 0;
        using var stop = new CancellationTokenSource();
        byte[] image = File.ReadAllBytes(models.ValidationImages[0]);
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(InferBody.For([image])));
                string text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK) { failures.Enqueue($"{(int)response.StatusCode}: {text}"); continue; }
                versions.AddOrUpdate(JsonNode.Parse(text)!["model_version"]!.GetValue<string>(), 1, (_, n) => n + 1);
                Interlocked.Increment(ref succeeded);
            }
        })).ToList();

        await WaitUntil(() => Volatile.Read(ref succeeded) >= 20, "20 requests on the first version");
        // Written elsewhere, then renamed over the served file (what a deployment does).
        string staged = folder.File("staged.tmp");
        File.Copy(models.ModelB, staged);
        File.Move(staged, path, overwrite: true);
        await WaitUntil(() => registry.Current?.Version == versionB, "the renamed-over model B to be served");
        int atB = Volatile.Read(ref succeeded);
        await WaitUntil(() => Volatile.Read(ref succeeded) >= atB + 20, "20 requests after the swap");
        // Copied over in place: the watcher waits for the writes to settle, then loads A again.
        File.Copy(models.ModelA, path, overwrite: true);
        await WaitUntil(() => registry.Current?.Version == versionA, "the copied-over model A to be served");
        int atA = Volatile.Read(ref succeeded);
        await WaitUntil(() => Volatile.Read(ref succeeded) >= atA + 20, "20 requests after the second swap");
        stop.Cancel();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(versions.ContainsKey(versionA) && versions.ContainsKey(versionB), $"versions seen: {string.Join(", ", versions)}");
        var metadata = JsonNode.Parse(await client.GetStringAsync("/v2/models/flowers"))!;
        Assert.Equal(versionA, metadata["versions"]![0]!.GetValue<string>());
        // The first version was released once its last request ended.
        Assert.True(first.IsDisposed);
        Assert.NotSame(first, registry.Current);
    }

    [Fact]
    public async Task A_server_whose_file_is_not_a_model_answers_503_until_a_model_is_copied_over_it()
    {
        using var folder = new TempFolder("mlnetresnet-reload");
        string path = folder.File("flowers.zip");
        File.WriteAllText(path, "not a zip yet");
        await using var server = new ServerFactory(path);
        var client = server.CreateClient();
        var registry = server.Services.GetRequiredService<ModelRegistry>();
        await registry.FirstLoad;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/v2/models/flowers/ready")).StatusCode);
        var infer = await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(InferBody.For([File.ReadAllBytes(models.ValidationImages[0])])));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, infer.StatusCode);
        Assert.Contains("No model is loaded", JsonNode.Parse(await infer.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Contains("mlnet_serving_model_loads_total{outcome=\"failed\"} 1", await client.GetStringAsync("/metrics"));

        File.Copy(models.ModelA, path, overwrite: true);
        await WaitUntil(() => registry.Current is not null, "the copied model to load");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/health/ready")).StatusCode);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited 90 s for {what}.");
            await Task.Delay(20);
        }
    }
}
