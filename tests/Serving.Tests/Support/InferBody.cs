using System.Text;
using System.Text.Json.Nodes;

namespace MlNetResNet.Serving.Tests.Support;

/// <summary>v2 infer request bodies.</summary>
public static class InferBody
{
    public static JsonObject For(IEnumerable<byte[]> images, JsonArray? outputs = null)
    {
        var data = new JsonArray(images.Select(bytes => (JsonNode)Convert.ToBase64String(bytes)).ToArray());
        var body = new JsonObject
        {
            ["id"] = "test-request",
            ["inputs"] = new JsonArray(new JsonObject
            {
                ["name"] = "image", ["datatype"] = "BYTES", ["shape"] = new JsonArray(data.Count), ["data"] = data,
            }),
        };
        if (outputs is not null) body["outputs"] = outputs;
        return body;
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
