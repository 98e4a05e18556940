using System.Text.Json.Nodes;
using MlNetResNet.Serving.Scoring;

namespace MlNetResNet.Serving.Http;

/// <summary>
/// <c>POST /predict</c>: a multipart upload of one or more image files under any field names; for each file, in
/// upload order, its label and every class's probability.
/// </summary>
public static class PredictRoute
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/predict", PredictAsync).DisableAntiforgery();

    private static async Task<IResult> PredictAsync(HttpContext context, ImageClassifier classifier)
    {
        if (!context.Request.HasFormContentType || !(context.Request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ServingException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{context.Request.ContentType}' is not accepted here; upload images as multipart/form-data.");
        var token = RequestLimits.Token(context);
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(token);
        }
        catch (InvalidDataException error)
        {
            throw new ServingException(StatusCodes.Status400BadRequest, $"The multipart body cannot be read: {error.Message}");
        }
        if (form.Files.Count == 0)
            throw new ServingException(StatusCodes.Status400BadRequest, "The upload holds no file part; send each image as a file field.");
        var images = new List<EncodedImage>(form.Files.Count);
        foreach (var file in form.Files)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, token);
            images.Add(new EncodedImage(PartName(file), buffer.ToArray()));
        }
        var result = await classifier.ClassifyAsync(images, token);
        var predictions = new JsonArray();
        for (int i = 0; i < images.Count; i++)
        {
            var probabilities = new JsonObject();
            var row = result.Row(i);
            for (int c = 0; c < result.ClassCount; c++) probabilities[result.ClassNames[c]] = row[c];
            predictions.Add(new JsonObject
            {
                ["file"] = images[i].Part,
                ["label"] = result.ClassNames[result.Predicted(i)],
                ["probability"] = row[result.Predicted(i)],
                ["probabilities"] = probabilities,
            });
        }
        var body = new JsonObject { ["model_name"] = result.ModelName, ["model_version"] = result.ModelVersion, ["predictions"] = predictions };
        return Results.Text(body.ToJsonString(ServingJson.Options), "application/json; charset=utf-8");
    }

    private static string PartName(IFormFile file) => string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName;
}
