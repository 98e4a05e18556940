using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Scoring;

/// <summary>
/// Builds the standard transformer that turns the ONNX graph's one-hot arg-max into a scalar key
/// <c>PredictedLabel</c> whose key values are the class names.
/// </summary>
/// <remarks>
/// ML.NET has no public transformer that turns a 1-slot vector into a scalar, and OnnxTransformer 5.0.1 cannot read
/// rank-0 outputs; a multiclass prediction transformer is the only standard part that emits a scalar key with class
/// names. Naive Bayes trained on the C one-hot rows (one per class) is exact: for the one-hot of class k its score is
/// the same constant plus log 2 for class k and minus log 2 for every other class, so its arg-max is k. It needs no
/// optimisation, only counts, and it saves and loads as a stock <c>MulticlassPredictionTransformer</c>.
/// </remarks>
internal static class PredictedLabelMapper
{
    public static ITransformer Fit(MLContext ml, IReadOnlyList<string> classNames, VectorDataViewType oneHotType, string labelColumnName)
    {
        int classCount = classNames.Count;
        if (oneHotType.Size != classCount || oneHotType.ItemType != NumberDataViewType.Single)
            throw new InvalidOperationException(
                $"The ONNX arg-max output is {oneHotType}; expected {classCount} Single slots, one per class.");

        // LoadFromEnumerable reads key properties as 0-based indices (it adds 1 for the raw key value).
        var rows = Enumerable.Range(0, classCount)
            .Select(k => new OneHotRow { Label = (uint)k, OneHot = OneHot(k, classCount) })
            .ToList();
        return ml.MulticlassClassification.Trainers
            .NaiveBayes(labelColumnName, ScoringColumnNames.ArgMaxOneHot)
            .Fit(ml.Data.LoadFromEnumerable(rows, RowSchema(classNames, oneHotType, labelColumnName)));
    }

    private static SchemaDefinition RowSchema(IReadOnlyList<string> classNames, VectorDataViewType oneHotType, string labelColumnName)
    {
        var schema = SchemaDefinition.Create(typeof(OneHotRow));
        var oneHot = schema[nameof(OneHotRow.OneHot)];
        oneHot.ColumnName = ScoringColumnNames.ArgMaxOneHot;
        oneHot.ColumnType = oneHotType;

        var label = schema[nameof(OneHotRow.Label)];
        label.ColumnName = labelColumnName;
        label.ColumnType = new KeyDataViewType(typeof(uint), classNames.Count);
        var names = new VBuffer<ReadOnlyMemory<char>>(classNames.Count, classNames.Select(n => n.AsMemory()).ToArray());
        label.AddAnnotation(AnnotationKinds.KeyValues, names, new VectorDataViewType(TextDataViewType.Instance, classNames.Count));
        return schema;
    }

    private static float[] OneHot(int index, int length)
    {
        var values = new float[length];
        values[index] = 1f;
        return values;
    }

    private sealed class OneHotRow
    {
        public uint Label { get; set; }
        public float[] OneHot { get; set; } = [];
    }
}
