using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetResNet.Serving.Models;
using MlNetResNet.Serving.Scoring;

namespace MlNetResNet.Serving.Http;

/// <summary>
/// The Open Inference Protocol (KServe v2) REST routes: health, model metadata and readiness, and infer with input
/// <c>image</c> (BYTES, base64 in JSON), outputs <c>probabilities</c> (FP32 [N, C]) and <c>label</c> (BYTES [N]), and
/// the classification extension (<c>"parameters": {"classification": K}</c> on an output gives "score:index:label").
/// </summary>
public static class InferenceProtocolRoutes
{
    public const string InputName = "image";
    public const string ProbabilitiesOutput = "probabilities";
    public const string LabelOutput = "label";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v2/health/live", () => Json(new JsonObject { ["live"] = true }));
        routes.MapGet("/v2/health/ready", (ModelRegistry registry) => registry.Current is null
            ? Json(new JsonObject { ["ready"] = false }, StatusCodes.Status503ServiceUnavailable)
            : Json(new JsonObject { ["ready"] = true }));
        routes.MapGet("/v2/models/{name}", (string name, ModelRegistry registry) => Json(Metadata(Loaded(registry, name))));
        routes.MapGet("/v2/models/{name}/ready", (string name, ModelRegistry registry) =>
        {
            Known(registry, name);
            bool ready = registry.Current is not null;
            return Json(new JsonObject { ["name"] = name, ["ready"] = ready }, ready ? 200 : StatusCodes.Status503ServiceUnavailable);
        });
        routes.MapPost("/v2/models/{name}/infer", InferAsync);
    }

    private static async Task<IResult> InferAsync(string name, HttpContext context, ModelRegistry registry, ImageClassifier classifier)
    {
        Known(registry, name);
        if (!(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ServingException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{context.Request.ContentType}' is not accepted here; send application/json.");
        var token = RequestLimits.Token(context);
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: token);
        }
        catch (JsonException error)
        {
            throw new ServingException(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {error.Message}");
        }
        var request = InferRequest.Parse(body);
        var result = await classifier.ClassifyAsync(request.Images, token);
        var outputs = new JsonArray();
        foreach (var output in request.Outputs)
            outputs.Add(Output(output, result));
        var response = new JsonObject
        {
            ["model_name"] = result.ModelName,
            ["model_version"] = result.ModelVersion,
            ["outputs"] = outputs,
        };
        if (request.Id is not null) response["id"] = request.Id;
        return Json(response);
    }

    private static JsonObject Output(RequestedOutput output, Classification result)
    {
        int n = result.Images;
        if (output.Classification is int k)
        {
            k = Math.Min(k, result.ClassCount);
            var data = new JsonArray();
            for (int i = 0; i < n; i++)
            {
                var row = result.Row(i);
                foreach (int c in result.Top(i, k))
                    data.Add($"{row[c].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}:{c}:{result.ClassNames[c]}");
            }
            return Tensor(output.Name, "BYTES", [n, k], data);
        }
        if (output.Name == LabelOutput)
            return Tensor(LabelOutput, "BYTES", [n], new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode)result.ClassNames[result.Predicted(i)]).ToArray()));
        return Tensor(ProbabilitiesOutput, "FP32", [n, result.ClassCount], new JsonArray(result.Probabilities.SelectMany(row => row).Select(p => (JsonNode)p).ToArray()));
    }

    private static JsonObject Metadata(ServedModel model) => new()
    {
        ["name"] = model.Name,
        ["versions"] = new JsonArray(model.Version),
        ["platform"] = "mlnet_onnxruntime",
        ["inputs"] = new JsonArray(TensorSpec(InputName, "BYTES", [-1])),
        ["outputs"] = new JsonArray(
            TensorSpec(ProbabilitiesOutput, "FP32", [-1, model.Scorer.ClassNames.Count]),
            TensorSpec(LabelOutput, "BYTES", [-1])),
        ["parameters"] = new JsonObject
        {
            ["classes"] = new JsonArray(model.Scorer.ClassNames.Select(c => (JsonNode)c).ToArray()),
            ["image_size"] = model.Scorer.ImageSide,
            ["file_sha256_prefix"] = model.Version,
            ["file_time"] = model.FileTime.ToString("O"),
        },
    };

    private static JsonObject TensorSpec(string name, string datatype, long[] shape) => new()
    {
        ["name"] = name,
        ["datatype"] = datatype,
        ["shape"] = new JsonArray(shape.Select(d => (JsonNode)d).ToArray()),
    };

    private static JsonObject Tensor(string name, string datatype, long[] shape, JsonArray data)
    {
        var tensor = TensorSpec(name, datatype, shape);
        tensor["data"] = data;
        return tensor;
    }

    /// <summary>404 unless <paramref name="name"/> is the served model's name.</summary>
    public static void Known(ModelRegistry registry, string name)
    {
        if (name != registry.Name)
            throw new ServingException(StatusCodes.Status404NotFound, $"Model '{name}' is not served here; this server serves '{registry.Name}'.");
    }

    private static ServedModel Loaded(ModelRegistry registry, string name)
    {
        Known(registry, name);
        return registry.Current ?? throw new ServingException(StatusCodes.Status503ServiceUnavailable, $"Model '{name}' is still loading.");
    }

    private static IResult Json(JsonObject body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(ServingJson.Options), "application/json; charset=utf-8", statusCode: status);
}
