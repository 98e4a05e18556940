using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetResNet.Pipelines.IO;

namespace MlNetResNet.Pipelines;

/// <summary>
/// The JSON of <c>evaluate --report</c> (<c>interpretation.json</c>): <c>images</c>, <c>topLosses</c> (each
/// <c>image</c>, <c>actual</c>, <c>predicted</c>, <c>loss</c>, <c>actualProbability</c>, <c>predictedProbability</c>;
/// highest loss first) and <c>mostConfused</c> (each <c>actual</c>, <c>predicted</c>, <c>count</c>, <c>examples</c>;
/// most frequent first), plus the contact-sheet file names beside it (<c>topLossesSheet</c>, <c>mostConfusedSheet</c>).
/// </summary>
public static class InterpretationDocument
{
    public const string FileName = "interpretation.json";
    public const string TopLossesSheet = "top_losses.png";
    public const string MostConfusedSheet = "most_confused.png";

    /// <summary>Builds the JSON object.</summary>
    public static JsonObject Create(ClassificationInterpretation interpretation)
    {
        ArgumentNullException.ThrowIfNull(interpretation);
        var topLosses = new JsonArray();
        foreach (var loss in interpretation.TopLosses)
        {
            topLosses.Add(new JsonObject
            {
                ["image"] = loss.ImagePath,
                ["actual"] = loss.Actual,
                ["predicted"] = loss.Predicted,
                ["loss"] = loss.Loss,
                ["actualProbability"] = loss.ActualProbability,
                ["predictedProbability"] = loss.PredictedProbability,
            });
        }
        var pairs = new JsonArray();
        foreach (var pair in interpretation.MostConfused)
        {
            pairs.Add(new JsonObject
            {
                ["actual"] = pair.Actual,
                ["predicted"] = pair.Predicted,
                ["count"] = pair.Count,
                ["examples"] = new JsonArray(pair.Examples.Select(path => (JsonNode?)JsonValue.Create(path)).ToArray()),
            });
        }
        return new JsonObject
        {
            ["images"] = interpretation.Images,
            ["topLosses"] = topLosses,
            ["mostConfused"] = pairs,
            ["topLossesSheet"] = TopLossesSheet,
            ["mostConfusedSheet"] = MostConfusedSheet,
        };
    }

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> (atomically) and returns its path.</summary>
    public static string Write(string folder, ClassificationInterpretation interpretation)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, Create(interpretation).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
