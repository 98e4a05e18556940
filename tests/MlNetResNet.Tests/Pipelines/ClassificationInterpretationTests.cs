using System.Text.Json.Nodes;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Tests.Pipelines;

/// <summary>Top losses and most-confused pairs (fastai's ClassificationInterpretation) on rows whose answers are known.</summary>
public sealed class ClassificationInterpretationTests
{
    private static readonly string[] Classes = ["cat", "dog", "fox"];

    // True class, probabilities, path. Loss = -ln p(true).
    private static readonly ScoredExample[] Rows =
    [
        new(0, [0.9f, 0.05f, 0.05f], "a.png"),  // right, loss 0.105
        new(0, [0.2f, 0.7f, 0.1f], "b.png"),    // cat -> dog, loss 1.609
        new(0, [0.1f, 0.8f, 0.1f], "c.png"),    // cat -> dog, loss 2.303
        new(1, [0.6f, 0.3f, 0.1f], "d.png"),    // dog -> cat, loss 1.204
        new(2, [0.05f, 0.9f, 0.05f], "e.png"),  // fox -> dog, loss 2.996
        new(2, [0.3f, 0.2f, 0.5f], "f.png"),    // right, loss 0.693
        new(0, [0.3f, 0.6f, 0.1f], "g.png"),    // cat -> dog, loss 1.204
    ];

    [Fact]
    public void TopLossesAreSortedByTheLossOfTheTrueClassHighestFirst()
    {
        var interpretation = ClassificationInterpretation.Compute(Classes, Rows, topLosses: 4);

        Assert.Equal(["e.png", "c.png", "b.png", "d.png"], interpretation.TopLosses.Select(loss => loss.ImagePath));
        var worst = interpretation.TopLosses[0];
        Assert.Equal(("fox", "dog"), (worst.Actual, worst.Predicted));
        Assert.Equal(-Math.Log(0.05), worst.Loss, 6);
        Assert.Equal(0.05, worst.ActualProbability, 6);
        Assert.Equal(0.9, worst.PredictedProbability, 6);
        Assert.True(interpretation.TopLosses.Zip(interpretation.TopLosses.Skip(1)).All(pair => pair.First.Loss >= pair.Second.Loss));
    }

    [Fact]
    public void ConfusedPairsAreCountedPerTrueAndPredictedClassMostFrequentFirst()
    {
        var interpretation = ClassificationInterpretation.Compute(Classes, Rows, examplesPerPair: 2);

        Assert.Equal([("cat", "dog", 3), ("dog", "cat", 1), ("fox", "dog", 1)],
            interpretation.MostConfused.Select(pair => (pair.Actual, pair.Predicted, pair.Count)));
        // Examples: the pair's highest losses first, at most examplesPerPair.
        Assert.Equal(["c.png", "b.png"], interpretation.MostConfused[0].Examples);
        Assert.Equal(7, interpretation.Images);
    }

    [Fact]
    public void TheJsonDocumentHoldsTheSameRowsUnderTheDocumentedKeys()
    {
        var interpretation = ClassificationInterpretation.Compute(Classes, Rows, topLosses: 2, maxPairs: 2);

        var json = InterpretationDocument.Create(interpretation);
        var reparsed = JsonNode.Parse(json.ToJsonString())!;

        Assert.Equal(7, reparsed["images"]!.GetValue<int>());
        var losses = reparsed["topLosses"]!.AsArray();
        Assert.Equal(["e.png", "c.png"], losses.Select(loss => loss!["image"]!.GetValue<string>()));
        Assert.Equal("fox", losses[0]!["actual"]!.GetValue<string>());
        Assert.Equal("dog", losses[0]!["predicted"]!.GetValue<string>());
        Assert.Equal(-Math.Log(0.05), losses[0]!["loss"]!.GetValue<double>(), 6);
        foreach (string key in new[] { "actualProbability", "predictedProbability" }) Assert.NotNull(losses[0]![key]);
        var pairs = reparsed["mostConfused"]!.AsArray();
        Assert.Equal(2, pairs.Count);
        Assert.Equal(("cat", "dog", 3), (pairs[0]!["actual"]!.GetValue<string>(), pairs[0]!["predicted"]!.GetValue<string>(),
            pairs[0]!["count"]!.GetValue<int>()));
        Assert.Equal(3, pairs[0]!["examples"]!.AsArray().Count);
        Assert.Equal("top_losses.png", reparsed["topLossesSheet"]!.GetValue<string>());
    }

    [Fact]
    public void ARowWithTheWrongNumberOfScoresIsRefused() =>
        Assert.Throws<ArgumentException>(() => ClassificationInterpretation.Compute(Classes, [new ScoredExample(0, [1f, 0f])]));
}
