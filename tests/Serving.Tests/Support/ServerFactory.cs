using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MlNetResNet.Serving.Tests.Support;

/// <summary>
/// The server in process (WebApplicationFactory's test server) on a given model file and settings. The type argument
/// only names the server's assembly, whose entry point the factory runs (the demo has a <c>Program</c> too).
/// </summary>
public sealed class ServerFactory(string modelPath, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<ServingOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting($"{ServingOptions.Section}:{nameof(ServingOptions.Model)}", modelPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting($"{ServingOptions.Section}:{key}", value);
    }

    /// <summary>A client once /v2/health/ready says 200 (the model loads in the background).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/v2/health/ready");
            if (response.IsSuccessStatusCode) return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The server did not load '{modelPath}' within 60 s.");
            await Task.Delay(50);
        }
    }
}
