using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Serving.Tests.Support;

namespace MlNetResNet.Serving.Tests;

/// <summary>The happy path of every route, on one in-process server, checked against the model loaded by ML.NET.</summary>
[Collection(ServedModelsCollection.Name)]
public sealed class RoutesTests(ServedModels models) : IAsyncLifetime
{
    private ServerFactory server = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        server = new ServerFactory(models.ModelA, new Dictionary<string, string> { ["Name"] = "flowers" });
        client = await server.ReadyClientAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Health_routes_say_live_and_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v2/health/live")).StatusCode);
        var ready = await client.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["ready"]!.GetValue<bool>());
        var modelReady = JsonNode.Parse(await client.GetStringAsync("/v2/models/flowers/ready"))!;
        Assert.True(modelReady["ready"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Metadata_lists_the_input_the_outputs_with_variable_batch_and_the_file_version()
    {
        var metadata = JsonNode.Parse(await client.GetStringAsync("/v2/models/flowers"))!;
        Assert.Equal("flowers", metadata["name"]!.GetValue<string>());
        Assert.Equal(Hash(models.ModelA), metadata["versions"]![0]!.GetValue<string>());
        var input = metadata["inputs"]![0]!;
        Assert.Equal(("image", "BYTES", "[-1]"), (input["name"]!.GetValue<string>(), input["datatype"]!.GetValue<string>(), input["shape"]!.ToJsonString()));
        var outputs = metadata["outputs"]!.AsArray();
        Assert.Equal($"[-1,{models.ClassNames.Count}]", outputs.Single(o => o!["name"]!.GetValue<string>() == "probabilities")!["shape"]!.ToJsonString());
        Assert.Equal("FP32", outputs.Single(o => o!["name"]!.GetValue<string>() == "probabilities")!["datatype"]!.GetValue<string>());
        Assert.Equal("BYTES", outputs.Single(o => o!["name"]!.GetValue<string>() == "label")!["datatype"]!.GetValue<string>());
    }

    [Fact]
    public async Task Infer_gives_the_probabilities_and_labels_ML_NET_gives_for_the_same_files()
    {
        var expected = Expected(models.ValidationImages);
        var body = InferBody.For(models.ValidationImages.Select(File.ReadAllBytes));
        var response = await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("test-request", answer["id"]!.GetValue<string>());
        Assert.Equal(Hash(models.ModelA), answer["model_version"]!.GetValue<string>());
        var outputs = answer["outputs"]!.AsArray();
        var probabilities = outputs.Single(o => o!["name"]!.GetValue<string>() == "probabilities")!;
        int n = expected.Count, c = models.ClassNames.Count;
        Assert.Equal($"[{n},{c}]", probabilities["shape"]!.ToJsonString());
        var flat = probabilities["data"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        for (int i = 0; i < n; i++)
        for (int k = 0; k < c; k++)
            Assert.Equal(expected[i].Probabilities[k], flat[i * c + k], 1e-5);
        var labels = outputs.Single(o => o!["name"]!.GetValue<string>() == "label")!["data"]!.AsArray().Select(v => v!.GetValue<string>());
        Assert.Equal(expected.Select(p => p.PredictedClass), labels);
    }

    [Fact]
    public async Task The_classification_extension_returns_the_top_K_as_score_index_label_strings()
    {
        var outputs = new JsonArray(new JsonObject { ["name"] = "probabilities", ["parameters"] = new JsonObject { ["classification"] = 2 } });
        var image = models.ValidationImages[0];
        var response = await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(InferBody.For([File.ReadAllBytes(image)], outputs)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var output = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["outputs"]![0]!;
        Assert.Equal(("BYTES", "[1,2]"), (output["datatype"]!.GetValue<string>(), output["shape"]!.ToJsonString()));
        var expected = Expected([image])[0].Ranked().Take(2).ToList();
        var strings = output["data"]!.AsArray().Select(v => v!.GetValue<string>().Split(':')).ToList();
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i].Probability, double.Parse(strings[i][0], CultureInfo.InvariantCulture), 1e-5);
            Assert.Equal(models.ClassNames.ToList().IndexOf(expected[i].ClassName), int.Parse(strings[i][1], CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].ClassName, strings[i][2]);
        }
    }

    [Fact]
    public async Task Predict_returns_each_uploaded_file_with_its_label_and_every_class_probability()
    {
        var expected = Expected(models.ValidationImages.Take(2).ToList());
        using var form = new MultipartFormDataContent();
        form.Add(ImagePart(models.ValidationImages[0]), "first", "one.jpg");
        form.Add(ImagePart(models.ValidationImages[1]), "anything", "two.jpg");
        var response = await client.PostAsync("/predict", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["predictions"]!.AsArray();
        Assert.Equal(["one.jpg", "two.jpg"], predictions.Select(p => p!["file"]!.GetValue<string>()));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(expected[i].PredictedClass, predictions[i]!["label"]!.GetValue<string>());
            var probabilities = predictions[i]!["probabilities"]!.AsObject();
            Assert.Equal(models.ClassNames, probabilities.Select(p => p.Key));
            for (int k = 0; k < models.ClassNames.Count; k++)
                Assert.Equal(expected[i].Probabilities[k], probabilities[models.ClassNames[k]]!.GetValue<float>(), 1e-5);
        }
    }

    [Fact]
    public async Task The_page_is_plain_html_that_uploads_to_predict()
    {
        var response = await client.GetAsync("/");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("type=\"file\"", html);
        Assert.Contains("fetch('/predict'", html);
        Assert.Contains("drop", html);
    }

    [Fact]
    public async Task Metrics_count_requests_by_route_and_code_and_show_batch_sizes_latency_and_model_version()
    {
        await client.PostAsync("/v2/models/flowers/infer", InferBody.Json(InferBody.For([File.ReadAllBytes(models.ValidationImages[0])])));
        await client.GetAsync("/v2/models/unknown");
        string metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("mlnet_serving_requests_total{route=\"/v2/models/{name}/infer\",code=\"200\"}", metrics);
        Assert.Contains("mlnet_serving_errors_total{route=\"/v2/models/{name}\",code=\"404\"}", metrics);
        Assert.Contains("mlnet_serving_request_duration_seconds_bucket{route=\"/v2/models/{name}/infer\"", metrics);
        Assert.Contains("mlnet_serving_batch_size_bucket{le=\"1\"}", metrics);
        Assert.Contains($"mlnet_serving_model_info{{model=\"flowers\",version=\"{Hash(models.ModelA)}\"}} 1", metrics);
    }

    private static ByteArrayContent ImagePart(string path)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }

    private IReadOnlyList<ImagePrediction> Expected(IReadOnlyList<string> images)
    {
        using var model = ImageClassifierModel.Load(new MLContext(seed: 1), models.ModelA);
        return model.Predict(images);
    }

    public static string Hash(string path) => Models.ModelFileVersion.Of(path).Hash;
}
