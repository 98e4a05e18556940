// Loads a model.zip, scores the images listed in a TSV (columns ImagePath, Label), and writes what it saw as JSON:
// the output columns, every row's Score and PredictedLabel from Transform, the same from a PredictionEngine fed one
// image at a time, and the evaluation metrics with the confusion table.
// Image paths resolve as the saved LoadImages says (its image folder is stored in the model).
// Usage: ModelConsumer <model.zip> <images.tsv> <result.json> [<score column> <predicted label column>]
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using ModelConsumer;

if (args.Length is not (3 or 5))
{
    Console.Error.WriteLine("Usage: ModelConsumer <model.zip> <images.tsv> <result.json> [<score column> <predicted label column>]");
    return 2;
}
var (modelPath, tsvPath, resultPath) = (args[0], args[1], args[2]);
var (scoreColumn, predictedColumn) = args.Length == 5 ? (args[3], args[4]) : ("Score", "PredictedLabel");
var ml = new MLContext(seed: 1);
var model = ml.Model.Load(modelPath, out _);
// ML.NET keeps the loaded network in a temporary file that only Dispose deletes.
using var modelResources = model as IDisposable;
var rows = ml.Data.LoadFromTextFile<ImageRow>(tsvPath, hasHeader: true, separatorChar: '\t');
var scored = model.Transform(rows);

var batch = scored.GetColumn<float[]>(scoreColumn)
    .Zip(scored.GetColumn<uint>(predictedColumn), (score, label) => new Prediction(score, label))
    .ToList();
var outputs = SchemaDefinition.Create(typeof(ScoredRow));
outputs[nameof(ScoredRow.Score)].ColumnName = scoreColumn;
outputs[nameof(ScoredRow.PredictedLabel)].ColumnName = predictedColumn;
using var engine = ml.Model.CreatePredictionEngine<ImageRow, ScoredRow>(model, outputSchemaDefinition: outputs);
var single = ml.Data.CreateEnumerable<ImageRow>(rows, reuseRowObject: false)
    .Select(row => engine.Predict(row))
    .Select(p => new Prediction(p.Score, p.PredictedLabel))
    .ToList();
var metrics = ml.MulticlassClassification.Evaluate(scored, scoreColumnName: scoreColumn, predictedLabelColumnName: predictedColumn);

var result = new ConsumerResult(
    ModelType: model.GetType().Name,
    Columns: scored.Schema.Where(c => !c.IsHidden).Select(c => $"{c.Name}: {c.Type}").ToList(),
    ScoreSlotNames: Names(scored.Schema[scoreColumn], "SlotNames"),
    PredictedLabelKeyValues: Names(scored.Schema[predictedColumn], "KeyValues"),
    Transform: batch,
    PredictionEngine: single,
    MicroAccuracy: metrics.MicroAccuracy,
    ConfusionTable: metrics.ConfusionMatrix.GetFormattedConfusionTable());
File.WriteAllText(resultPath, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"{batch.Count} rows scored, micro-accuracy {metrics.MicroAccuracy:F4}");
return 0;

static List<string> Names(DataViewSchema.Column column, string annotation)
{
    VBuffer<ReadOnlyMemory<char>> names = default;
    column.Annotations.GetValue(annotation, ref names);
    return names.DenseValues().Select(n => n.ToString()).ToList();
}
