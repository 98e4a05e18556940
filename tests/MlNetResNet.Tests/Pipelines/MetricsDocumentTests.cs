using System.Text.Json;
using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

public class MetricsDocumentTests
{
    private static EvaluationReport Report() => EvaluationReport.Compute(["daisy", "roses"],
    [
        new ScoredExample(0, [0.8f, 0.2f], "a.jpg"),
        new ScoredExample(1, [0.3f, 0.7f], "b.jpg"),
        new ScoredExample(1, [0.6f, 0.4f], "c.jpg"),
    ]);

    private static readonly EpochMetrics[] History =
    [
        new(1, 1.2, 0.9, 0.5, 1e-4, 12.5, 30.0, 0),
        new(2, 0.7, double.NaN, 0.75, 5e-5, 11.0, 34.0, 1),
    ];

    [Fact]
    public void HasTheDocumentedKeysWithTheirTypes()
    {
        using var temp = new TempFolder();
        MetricsDocument.Write(temp.File("m.json"), MetricsDocument.Create(Report(), 55.5, History, bestEpoch: 2));
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("m.json")));
        var root = json.RootElement;

        foreach (string key in new[] { "microAccuracy", "macroAccuracy", "logLoss", "topKAccuracy", "trainImagesPerSecond", "evalImagesPerSecond" })
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        Assert.Equal(2.0 / 3, root.GetProperty("microAccuracy").GetDouble(), 12);
        Assert.Equal(2, root.GetProperty("bestEpoch").GetInt32());
        Assert.Equal(32.0, root.GetProperty("trainImagesPerSecond").GetDouble(), 12);
        Assert.Equal(3, root.GetProperty("images").GetInt32());

        var perClass = root.GetProperty("perClass");
        Assert.Equal(["daisy", "roses"], perClass.EnumerateObject().Select(p => p.Name));
        foreach (var entry in perClass.EnumerateObject())
        foreach (string key in new[] { "precision", "recall", "f1" })
            Assert.Equal(JsonValueKind.Number, entry.Value.GetProperty(key).ValueKind);
        Assert.Equal(0.5, perClass.GetProperty("daisy").GetProperty("precision").GetDouble(), 12);

        var epochs = root.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(2, epochs.Count);
        foreach (string key in new[] { "epoch", "trainLoss", "valAccuracy", "learningRate", "seconds" })
            Assert.Equal(JsonValueKind.Number, epochs[1].GetProperty(key).ValueKind);
        Assert.Equal(JsonValueKind.Null, epochs[1].GetProperty("valLoss").ValueKind);
        Assert.Equal(0.9, epochs[0].GetProperty("valLoss").GetDouble(), 12);

        Assert.Equal([[1, 0], [1, 1]], root.GetProperty("confusionMatrix").GetProperty("counts").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(count => count.GetInt32()).ToArray()).ToArray());
    }

    [Fact]
    public void LoadedModelHasNullTrainingFigures()
    {
        var root = JsonDocument.Parse(MetricsDocument.Create(Report(), 10, [], bestEpoch: null).ToJsonString()).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("bestEpoch").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("trainImagesPerSecond").ValueKind);
        Assert.Equal(0, root.GetProperty("epochs").GetArrayLength());
    }
}
