using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MlNetResNet.Serving.Tests.Support;

namespace MlNetResNet.Serving.Tests;

/// <summary>The dynamic batcher never puts more than <c>MaxBatch</c> images into one ONNX Runtime call.</summary>
[Collection(ServedModelsCollection.Name)]
public sealed class BatchingTests(ServedModels models)
{
    [Fact]
    public async Task Requests_that_would_overfill_a_batch_go_to_the_next_one()
    {
        await using var server = new ServerFactory(models.ModelA, new Dictionary<string, string>
        {
            ["Name"] = "a", ["MaxBatch"] = "4", ["MaxDelayMs"] = "1500",
        });
        var client = await server.ReadyClientAsync();
        var threeImages = models.ValidationImages.Take(3).Select(File.ReadAllBytes).ToList();
        Assert.Equal(3, threeImages.Count);

        // Both requests reach the queue inside one 1.5 s window; together they hold 6 images, more than MaxBatch.
        var responses = await Task.WhenAll(
            client.PostAsync("/v2/models/a/infer", InferBody.Json(InferBody.For(threeImages))),
            client.PostAsync("/v2/models/a/infer", InferBody.Json(InferBody.For(threeImages))));
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));

        string metrics = await client.GetStringAsync("/metrics");
        Assert.Equal(2, Sample(metrics, "mlnet_serving_batch_size_count"));
        Assert.Equal(6, Sample(metrics, "mlnet_serving_batch_size_sum"));
        Assert.Equal(2, Sample(metrics, "mlnet_serving_batch_size_bucket{le=\"4\"}"));
    }

    private static double Sample(string metrics, string name)
    {
        var match = Regex.Match(metrics, "^" + Regex.Escape(name) + " ([0-9.eE+-]+)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} not found in:\n{metrics}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
