using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Tests.Pipelines;

public class EvaluationReportTests
{
    // Truth and scores chosen so that every figure differs between classes; no ties in the scores.
    private static readonly (string Label, float[] Scores)[] Scored =
    [
        ("a", [0.7f, 0.2f, 0.1f]),
        ("a", [0.4f, 0.5f, 0.1f]),
        ("b", [0.1f, 0.8f, 0.1f]),
        ("b", [0.25f, 0.35f, 0.4f]),
        ("c", [0.6f, 0.3f, 0.1f]),
        ("c", [0.15f, 0.25f, 0.6f]),
        ("a", [0.9f, 0.06f, 0.04f]),
    ];

    private static readonly string[] Classes = ["a", "b", "c"];

    [Fact]
    public void FiguresMatchAHandComputation()
    {
        var report = EvaluationReport.Compute(Classes, Examples(), topK: 2, worstCount: 3);

        Assert.Equal(4.0 / 7, report.MicroAccuracy, 12);
        Assert.Equal((2.0 / 3 + 0.5 + 0.5) / 3, report.MacroAccuracy, 12);
        double expectedLogLoss = -(Math.Log(0.7) + Math.Log(0.4) + Math.Log(0.8) + Math.Log(0.35) + Math.Log(0.1) + Math.Log(0.6) + Math.Log(0.9)) / 7;
        Assert.Equal(expectedLogLoss, report.LogLoss, 6);
        Assert.Equal(6.0 / 7, report.TopKAccuracy, 12);
        Assert.Equal(new[,] { { 2, 1, 0 }, { 0, 1, 1 }, { 1, 0, 1 } }, report.ConfusionMatrix);

        var a = report.PerClass[0];
        Assert.Equal(("a", 2.0 / 3, 2.0 / 3, 2.0 / 3, 3), (a.ClassName, a.Precision, a.Recall, a.F1, a.Support));
        var b = report.PerClass[1];
        Assert.Equal((0.5, 0.5, 0.5, 2), (b.Precision, b.Recall, b.F1, b.Support));

        Assert.Equal(["c", "b", "a"], report.WorstPredictions.Select(worst => worst.TrueClass));
        Assert.Equal(["a", "c", "b"], report.WorstPredictions.Select(worst => worst.PredictedClass));
        Assert.Equal(0.1, report.WorstPredictions[0].TrueClassProbability, 6);
        Assert.Equal("img4.jpg", report.WorstPredictions[0].ImagePath);
    }

    [Fact]
    public void ClassNeverPredictedHasZeroPrecisionAndF1AndAbsentClassIsLeftOutOfMacroAccuracy()
    {
        var report = EvaluationReport.Compute(["x", "y", "z"],
            [new ScoredExample(0, [0.9f, 0.1f, 0f]), new ScoredExample(1, [0.8f, 0.2f, 0f])]);
        Assert.Equal((0.0, 0.0, 0.0), (report.PerClass[1].Precision, report.PerClass[1].Recall, report.PerClass[1].F1));
        Assert.Equal(0.5, report.MacroAccuracy, 12);
        Assert.Equal(0, report.PerClass[2].Support);
    }

    [Fact]
    public void AgreesWithMlNetsMulticlassEvaluator()
    {
        var ml = new MLContext(seed: 1);
        var scored = ScoredView(ml);
        var mlnet = ml.MulticlassClassification.Evaluate(scored, topKPredictionCount: 2);
        var ours = ScoredDataReader.Evaluate(scored, topK: 2);

        Assert.Equal(mlnet.MicroAccuracy, ours.MicroAccuracy, 6);
        Assert.Equal(mlnet.MacroAccuracy, ours.MacroAccuracy, 6);
        Assert.Equal(mlnet.LogLoss, ours.LogLoss, 5);
        Assert.Equal(mlnet.TopKAccuracy, ours.TopKAccuracy, 6);
        for (int truth = 0; truth < 3; truth++)
        for (int predicted = 0; predicted < 3; predicted++)
            Assert.Equal(mlnet.ConfusionMatrix.Counts[truth][predicted], ours.ConfusionMatrix[truth, predicted]);
    }

    [Fact]
    public void ReaderTakesClassNamesFromTheLabelKeysAndPathsFromTheImagePathColumn()
    {
        var (classes, rows) = ScoredDataReader.Read(ScoredView(new MLContext(seed: 1)));
        Assert.Equal(Classes, classes);
        Assert.Equal(Scored.Select(s => Array.IndexOf(Classes, s.Label)), rows.Select(row => row.Label));
        Assert.Equal("img0.jpg", rows[0].ImagePath);
    }

    [Fact]
    public void ReaderRejectsATextLabelSuggestingMapValueToKey()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromEnumerable(Scored.Select((s, i) => new TextLabelRow { Label = s.Label, Score = s.Scores }));
        var error = Assert.Throws<ArgumentException>(() => ScoredDataReader.Read(view));
        Assert.Contains("MapValueToKey", error.Message);
        Assert.Contains("'Label'", error.Message);
    }

    private static List<ScoredExample> Examples() =>
        Scored.Select((s, i) => new ScoredExample(Array.IndexOf(Classes, s.Label), s.Scores, $"img{i}.jpg")).ToList();

    private static IDataView ScoredView(MLContext ml)
    {
        var rows = Scored.Select((s, i) => new TextLabelRow { Label = s.Label, Score = s.Scores, ImagePath = $"img{i}.jpg" });
        var view = ml.Data.LoadFromEnumerable(rows);
        var keyed = ml.Transforms.Conversion.MapValueToKey(ResNetColumnNames.Label, keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(view).Transform(view);
        // ML.NET's evaluator also wants a key PredictedLabel; argmax + 1 as a key of the same count.
        return ml.Transforms.CustomMapping<ScoreOnly, PredictedRow>((input, output) =>
            output.PredictedLabel = (uint)(Array.IndexOf(input.Score, input.Score.Max()) + 1), contractName: null)
            .Append(ml.Transforms.Conversion.MapValueToKey(ResNetColumnNames.PredictedLabel, ResNetColumnNames.PredictedLabel))
            .Fit(keyed).Transform(keyed);
    }

    private sealed class TextLabelRow
    {
        public string Label { get; set; } = "";
        [VectorType(3)] public float[] Score { get; set; } = [];
        public string ImagePath { get; set; } = "";
    }

    private sealed class ScoreOnly
    {
        [VectorType(3)] public float[] Score { get; set; } = [];
    }

    private sealed class PredictedRow
    {
        public uint PredictedLabel { get; set; }
    }
}
