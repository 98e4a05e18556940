using System.Net;
using MlNetResNet.Serving.Tests.Support;

namespace MlNetResNet.Serving.Tests;

/// <summary>SIGTERM to a real <c>mlnet-resnet serve</c> process: requests in flight finish, then the process exits 0.</summary>
[Collection(ServedModelsCollection.Name)]
public sealed class ShutdownTests(ServedModels models)
{
    [Fact]
    public async Task SIGTERM_lets_the_requests_in_flight_finish_then_exits_0()
    {
        // A batch window of 2 s holds the requests inside the server when the signal arrives.
        using var serve = new ServeProcess(models.ModelA, "--max-batch", "64", "--max-delay-ms", "2000");
        await serve.WaitReadyAsync();
        byte[] image = File.ReadAllBytes(models.ValidationImages[0]);
        var inFlight = Enumerable.Range(0, 3)
            .Select(_ => serve.Client.PostAsync("/v2/models/a/infer", InferBody.Json(InferBody.For([image]))))
            .ToList();
        await Task.Delay(500);
        Assert.All(inFlight, request => Assert.False(request.IsCompleted, "a request finished before the signal; the test proves nothing"));
        serve.Terminate();

        var responses = await Task.WhenAll(inFlight);
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.True(serve.Process.WaitForExit(TimeSpan.FromSeconds(30)), $"serve did not exit within 30 s of SIGTERM:\n{serve.Output}");
        Assert.Equal(0, serve.Process.ExitCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => serve.Client.GetAsync("/v2/health/live"));
    }
}
