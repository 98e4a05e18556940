using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetResNet.Serving.Scoring;

namespace MlNetResNet.Serving.Http;

/// <summary>
/// A v2 infer request body, checked field by field: every mistake is a 400 naming the field and what is accepted.
/// </summary>
public sealed record InferRequest(string? Id, IReadOnlyList<EncodedImage> Images, IReadOnlyList<RequestedOutput> Outputs)
{
    public static InferRequest Parse(JsonNode? body)
    {
        if (body is not JsonObject root) throw Bad("The body must be a JSON object with an \"inputs\" array.");
        string? id = root["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) ? text : null;
        if (root["inputs"] is not JsonArray inputs || inputs.Count != 1 || inputs[0] is not JsonObject input)
            throw Bad($"\"inputs\" must hold exactly one tensor, named \"{InferenceProtocolRoutes.InputName}\".");
        string? name = String(input, "name");
        if (name != InferenceProtocolRoutes.InputName)
            throw Bad($"inputs[0].name is '{name}'; the model's input is \"{InferenceProtocolRoutes.InputName}\".");
        string? datatype = String(input, "datatype");
        if (datatype != "BYTES") throw Bad($"inputs[0].datatype is '{datatype}'; \"{InferenceProtocolRoutes.InputName}\" is BYTES (base64 strings of encoded image files).");
        if (input["data"] is not JsonArray data) throw Bad("inputs[0].data must be an array of base64 strings.");
        var strings = Flatten(data).ToList();
        if (strings.Count == 0) throw Bad("inputs[0].data holds no image.");
        var images = new List<EncodedImage>(strings.Count);
        for (int i = 0; i < strings.Count; i++)
        {
            string part = $"inputs[0].data[{i}]";
            if (strings[i] is not JsonValue value || !value.TryGetValue<string>(out var base64))
                throw Bad($"{part} is not a string; BYTES elements are base64 strings.");
            try
            {
                images.Add(new EncodedImage(part, Convert.FromBase64String(base64)));
            }
            catch (FormatException)
            {
                throw Bad($"{part} is not valid base64.");
            }
        }
        if (input["shape"] is JsonArray shape && ShapeCount(shape) is long count && count != images.Count)
            throw Bad($"inputs[0].shape holds {count} elements but data holds {images.Count}.");
        return new InferRequest(id, images, ParseOutputs(root));
    }

    private static IReadOnlyList<RequestedOutput> ParseOutputs(JsonObject root)
    {
        if (root["outputs"] is null)
            return [new RequestedOutput(InferenceProtocolRoutes.ProbabilitiesOutput, null), new RequestedOutput(InferenceProtocolRoutes.LabelOutput, null)];
        if (root["outputs"] is not JsonArray outputs) throw Bad("\"outputs\" must be an array.");
        var requested = new List<RequestedOutput>();
        for (int i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is not JsonObject output) throw Bad($"outputs[{i}] must be an object with a \"name\".");
            string? name = String(output, "name");
            if (name is not (InferenceProtocolRoutes.ProbabilitiesOutput or InferenceProtocolRoutes.LabelOutput))
                throw Bad($"outputs[{i}].name is '{name}'; the outputs are \"{InferenceProtocolRoutes.ProbabilitiesOutput}\" and \"{InferenceProtocolRoutes.LabelOutput}\".");
            int? k = null;
            if (output["parameters"] is JsonObject parameters && parameters["classification"] is JsonNode classification)
            {
                if (classification is not JsonValue v || !v.TryGetValue<int>(out int value) || value < 1)
                    throw Bad($"outputs[{i}].parameters.classification must be a positive integer.");
                k = value;
            }
            requested.Add(new RequestedOutput(name, k));
        }
        return requested;
    }

    private static IEnumerable<JsonNode?> Flatten(JsonArray array) =>
        array.SelectMany(item => item is JsonArray inner ? Flatten(inner) : [item]);

    private static long? ShapeCount(JsonArray shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim is not JsonValue v || !v.TryGetValue<long>(out long d)) return null;
            count *= d;
        }
        return count;
    }

    private static string? String(JsonObject node, string key)
    {
        try
        {
            return node[key]?.GetValue<string>();
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or JsonException)
        {
            return node[key]?.ToJsonString();
        }
    }

    private static ServingException Bad(string message) => new(StatusCodes.Status400BadRequest, message);
}
