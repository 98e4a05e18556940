using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MlNetResNet.Serving.Tests.Support;

namespace MlNetResNet.Serving.Tests;

/// <summary>
/// Every kind of bad request gets its 4xx status and <c>{"error": "..."}</c> naming what was wrong, never a 500 and
/// never a stack trace. The server caps bodies at 200 kB and images at 2 000 pixels here, so small images show both.
/// </summary>
[Collection(ServedModelsCollection.Name)]
public sealed class BadInputTests(ServedModels models) : IAsyncLifetime
{
    private ServerFactory server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = new ServerFactory(models.ModelA, new Dictionary<string, string>
        {
            ["Name"] = "flowers", ["MaxBodyBytes"] = "200000", ["MaxImagePixels"] = "2000",
        });
        client = await server.ReadyClientAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_body_above_the_cap_is_413()
    {
        var body = InferBody.For([new byte[300_000]]);
        var error = await ErrorAsync(await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(body)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("200,000", error);
    }

    [Fact]
    public async Task An_image_above_the_pixel_cap_is_400_naming_it_and_its_size()
    {
        using var form = new MultipartFormDataContent { { Image(TestImages.Png(50, 50)), "file", "big.png" } };
        var error = await ErrorAsync(await client.PostAsync("/predict", form), HttpStatusCode.BadRequest);
        Assert.Contains("big.png", error);
        Assert.Contains("50x50", error);
    }

    [Fact]
    public async Task An_undecodable_upload_is_400_naming_the_part()
    {
        using var form = new MultipartFormDataContent
        {
            { Image(TestImages.Png(20, 20)), "file", "fine.png" },
            { Image(Encoding.UTF8.GetBytes("not an image at all")), "file", "notes.png" },
        };
        var error = await ErrorAsync(await client.PostAsync("/predict", form), HttpStatusCode.BadRequest);
        Assert.Contains("notes.png", error);
    }

    [Fact]
    public async Task A_truncated_image_in_an_infer_request_is_400_naming_the_tensor_element()
    {
        byte[] png = TestImages.Png(20, 20);
        var body = InferBody.For([png, png[..40]]);
        var error = await ErrorAsync(await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(body)), HttpStatusCode.BadRequest);
        Assert.Contains("inputs[0].data[1]", error);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"inputs\": []}", "exactly one tensor")]
    [InlineData("{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"BYTES\", \"data\": [\"AA==\"]}]}", "\"image\"")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"FP32\", \"data\": [1.0]}]}", "BYTES")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"data\": [\"%%%\"]}]}", "base64")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"data\": [7]}]}", "not a string")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"data\": []}]}", "no image")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [2], \"data\": [\"AA==\"]}]}", "shape")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"data\": [\"AA==\"]}], \"outputs\": [{\"name\": \"logits\"}]}", "outputs[0].name")]
    [InlineData("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"data\": [\"AA==\"]}], \"outputs\": [{\"name\": \"label\", \"parameters\": {\"classification\": 0}}]}", "classification")]
    public async Task A_malformed_infer_request_is_400_saying_what_is_wrong(string body, string expected)
    {
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        var error = await ErrorAsync(await client.PostAsync("/v2/models/flowers/infer", content), HttpStatusCode.BadRequest);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Unsupported_media_types_are_415()
    {
        await ErrorAsync(await client.PostAsync("/v2/models/flowers/infer", new StringContent("x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        var json = InferBody.Json(InferBody.For([TestImages.Png(20, 20)]));
        Assert.Contains("multipart/form-data", await ErrorAsync(await client.PostAsync("/predict", json), HttpStatusCode.UnsupportedMediaType));
    }

    [Fact]
    public async Task A_multipart_upload_without_files_is_400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "text" } };
        Assert.Contains("no file", await ErrorAsync(await client.PostAsync("/predict", form), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_unknown_model_is_404_on_every_model_route()
    {
        foreach (string path in new[] { "/v2/models/tulips", "/v2/models/tulips/ready" })
            Assert.Contains("'flowers'", await ErrorAsync(await client.GetAsync(path), HttpStatusCode.NotFound));
        var body = InferBody.Json(InferBody.For([TestImages.Png(20, 20)]));
        await ErrorAsync(await client.PostAsync("/v2/models/tulips/infer", body), HttpStatusCode.NotFound);
        await ErrorAsync(await client.GetAsync("/no/such/route"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_request_past_the_timeout_is_answered_503_with_the_limit()
    {
        await using var slow = new ServerFactory(models.ModelA, new Dictionary<string, string>
        {
            ["RequestTimeoutMs"] = "300", ["MaxBatch"] = "64", ["MaxDelayMs"] = "5000",
        });
        var slowClient = await slow.ReadyClientAsync();
        // The batcher waits 5 s for 64 images: the request is still queued when its 300 ms run out.
        var body = InferBody.Json(InferBody.For([TestImages.Png(20, 20)]));
        var error = await ErrorAsync(await slowClient.PostAsync("/v2/models/a/infer", body), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("300 ms", error);
    }

    private static ByteArrayContent Image(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    /// <summary>Checks the status and that the body is exactly {"error": "..."} with no stack trace; returns the message.</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["error"], body.Select(p => p.Key));
        string message = body["error"]!.GetValue<string>();
        Assert.DoesNotContain("   at ", message);
        Assert.DoesNotContain("Exception", message);
        return message;
    }
}
