using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetResNet.Pipelines;

/// <summary>Reads the label, the score vector and (optionally) the image path of a scored IDataView.</summary>
public static class ScoredDataReader
{
    /// <summary>
    /// Reads every row. Class names come from the <c>SlotNames</c> of the score column, else from the key values of the
    /// label. Rows with a missing label (key 0) are left out, as ML.NET's evaluator does.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or has the wrong type (the message names both).</exception>
    public static (IReadOnlyList<string> ClassNames, List<ScoredExample> Rows) Read(IDataView scored,
        string labelColumnName = ResNetColumnNames.Label, string scoreColumnName = ResNetColumnNames.Score,
        string? imagePathColumnName = PipelineColumnNames.ImagePath)
    {
        var schema = scored.Schema;
        var label = Find(schema, labelColumnName);
        var score = Find(schema, scoreColumnName);
        if (label.Type is not KeyDataViewType labelType)
            throw new ArgumentException($"Label column '{labelColumnName}' must be a key (MapValueToKey), but is {label.Type}.");
        if (score.Type is not VectorDataViewType { ItemType: NumberDataViewType scoreItem } scoreType
            || scoreItem.RawType != typeof(float) || scoreType.Size == 0)
            throw new ArgumentException($"Score column '{scoreColumnName}' must be a known-size vector of Single, but is {score.Type}.");
        var classNames = ClassNamesOf(score, label, scoreType.Size);
        var path = imagePathColumnName is not null && schema.GetColumnOrNull(imagePathColumnName) is { } found
                   && found.Type is TextDataViewType ? found : (DataViewSchema.Column?)null;

        var columns = new List<DataViewSchema.Column> { label, score };
        if (path is { } p) columns.Add(p);
        var rows = new List<ScoredExample>();
        using var cursor = scored.GetRowCursor(columns);
        var getLabel = cursor.GetGetter<uint>(label);
        var getScore = cursor.GetGetter<VBuffer<float>>(score);
        var getPath = path is { } pathColumn ? cursor.GetGetter<ReadOnlyMemory<char>>(pathColumn) : null;
        uint key = 0;
        VBuffer<float> scores = default;
        ReadOnlyMemory<char> imagePath = default;
        while (cursor.MoveNext())
        {
            getLabel(ref key);
            if (key == 0 || key > labelType.Count) continue;
            getScore(ref scores);
            getPath?.Invoke(ref imagePath);
            rows.Add(new ScoredExample((int)key - 1, scores.DenseValues().ToArray(), getPath is null ? null : imagePath.ToString()));
        }
        return (classNames, rows);
    }

    /// <summary>Reads the scored data and computes the report.</summary>
    public static EvaluationReport Evaluate(IDataView scored, int topK = 2, int worstCount = 5,
        string labelColumnName = ResNetColumnNames.Label, string scoreColumnName = ResNetColumnNames.Score,
        string? imagePathColumnName = PipelineColumnNames.ImagePath)
    {
        var (classNames, rows) = Read(scored, labelColumnName, scoreColumnName, imagePathColumnName);
        return EvaluationReport.Compute(classNames, rows, topK, worstCount);
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentException(
            $"Scored data has no column '{name}'; it has: {string.Join(", ", schema.Select(column => column.Name))}.");

    private static IReadOnlyList<string> ClassNamesOf(DataViewSchema.Column score, DataViewSchema.Column label, int size)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        if (score.HasSlotNames())
            score.GetSlotNames(ref names);
        else if (label.HasKeyValues())
            label.GetKeyValues(ref names);
        else
            return Enumerable.Range(0, size).Select(index => index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var list = names.DenseValues().Select(name => name.ToString()).ToList();
        if (list.Count != size)
            throw new ArgumentException($"Score column '{score.Name}' has {size} slots but {list.Count} class names.");
        return list;
    }
}
