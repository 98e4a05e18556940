using Microsoft.ML;

namespace MlNetResNet.Fitting;

/// <summary>
/// Gives the output shape of a Naive Bayes trainer (<c>Score</c>, <c>PredictedLabel</c>) the names the options ask
/// for, with ML.NET's own estimators (SchemaShape columns cannot be built outside ML.NET).
/// </summary>
internal static class OutputColumnNames
{
    // Holds Score while PredictedLabel is renamed, so that swapped names (Score ↔ PredictedLabel) work too.
    private const string ParkedScore = "ResNetClassifier.ParkedScore";

    public static SchemaShape Rename(MLContext ml, SchemaShape shape, string scoreColumnName, string predictedLabelColumnName)
    {
        if (scoreColumnName == ResNetColumnNames.Score && predictedLabelColumnName == ResNetColumnNames.PredictedLabel) return shape;
        shape = Move(ml, shape, ResNetColumnNames.Score, ParkedScore);
        shape = Move(ml, shape, ResNetColumnNames.PredictedLabel, predictedLabelColumnName);
        return Move(ml, shape, ParkedScore, scoreColumnName);
    }

    private static SchemaShape Move(MLContext ml, SchemaShape shape, string from, string to) => from == to
        ? shape
        : ml.Transforms.CopyColumns(to, from).Append(ml.Transforms.DropColumns(from)).GetOutputSchema(shape);
}
