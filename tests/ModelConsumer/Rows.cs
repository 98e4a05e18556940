using Microsoft.ML.Data;

namespace ModelConsumer;

/// <summary>One input row: the columns the test's training data had.</summary>
public sealed class ImageRow
{
    [LoadColumn(0)]
    public string ImagePath { get; set; } = "";

    [LoadColumn(1)]
    public string Label { get; set; } = "";
}

/// <summary>What a PredictionEngine returns: the key index (1-based) and the probabilities.</summary>
public sealed class ScoredRow
{
    public uint PredictedLabel { get; set; }

    public float[] Score { get; set; } = [];
}

/// <summary>One row's prediction as written to the result file.</summary>
public sealed record Prediction(float[] Score, uint PredictedLabel);

/// <summary>Everything the consumer reports.</summary>
public sealed record ConsumerResult(
    string ModelType, List<string> Columns, List<string> ScoreSlotNames, List<string> PredictedLabelKeyValues,
    List<Prediction> Transform, List<Prediction> PredictionEngine, double MicroAccuracy, string ConfusionTable);
