using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Fitting;
using MlNetResNet.Scoring.ImageGuard;
using MlNetResNet.Scoring;

namespace MlNetResNet;

/// <summary>
/// A fitted ResNet image classifier. It adds <c>Score</c> (softmax probabilities, one slot per class, slot names =
/// class names) and <c>PredictedLabel</c> (a key whose key values are the class names) to the data.
/// </summary>
/// <remarks>
/// The transformer is a chain of ML.NET's own transformers around the network exported to ONNX (see
/// docs/MODEL_FILE.md), and it saves as that chain: a model.zip containing it loads with <c>mlContext.Model.Load</c>
/// in an app that references only Microsoft.ML, Microsoft.ML.ImageAnalytics and Microsoft.ML.OnnxTransformer. The
/// loaded model is a <see cref="TransformerChain{T}"/>, not this type, and gives the same columns and predictions.
/// <see cref="Transform"/> runs the network in batches of <see cref="ResNetClassifierOptions.BatchSize"/> rows.
/// Before the chain reads a row, <see cref="Transform"/> and the row mapper check its image: a path column's file
/// with <see cref="ImageFileGuard"/>, an MLImage column for a missing image; a refused row throws
/// <see cref="InvalidImageException"/> naming the row. A model loaded from model.zip has no such check: screen its
/// input with <see cref="ImageDataGuard"/>.
/// </remarks>
public sealed class ResNetClassifierTransformer : ITransformer, IDisposable
{
    private readonly ScoringChain chain;
    private readonly ScoringChainSpec spec;
    private readonly OnnxBatchScorer scorer;
    private readonly int batchSize;
    private readonly byte[] exportedOnnx;

    internal ResNetClassifierTransformer(ScoringChain chain, ScoringChainSpec spec, byte[] embeddedOnnx, byte[] exportedOnnx,
        FitSummary summary, int batchSize)
    {
        this.chain = chain;
        this.spec = spec;
        this.exportedOnnx = exportedOnnx;
        this.batchSize = batchSize;
        scorer = new OnnxBatchScorer(embeddedOnnx, ScoringColumnNames.Pixels, ScoringOutputs.Select(ScoringColumnNames.OnnxOutput).ToArray());
        ClassNames = summary.ClassNames;
        Architecture = summary.Architecture;
        TrainingHistory = summary.History;
        BestEpoch = summary.BestEpoch;
        SkippedImages = summary.SkippedImages;
        TrainingCancelled = summary.Cancelled;
        TrainingPlan = summary.Plan;
        Calibration = summary.Calibration;
    }

    /// <summary>Class names in key order: slot i of <c>Score</c> and key value i + 1 of <c>PredictedLabel</c>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The network architecture.</summary>
    public ResNetArchitecture Architecture { get; }

    /// <summary>Metrics of each completed epoch.</summary>
    public IReadOnlyList<EpochMetrics> TrainingHistory { get; }

    /// <summary>The epoch whose weights the model holds (1-based; 0 when training was cancelled before any epoch ended).</summary>
    public int BestEpoch { get; }

    /// <summary>Images left out of training or validation because they could not be read, as "row 12 (path): problem".</summary>
    public IReadOnlyList<string> SkippedImages { get; }

    /// <summary>Whether training stopped early because of the cancellation token.</summary>
    public bool TrainingCancelled { get; }

    /// <summary>How training was laid out (stages, planned epochs, measured throughput, precision probe); null for a plain Full run.</summary>
    public TrainingPlan? TrainingPlan { get; }

    /// <summary>
    /// The temperature the saved graph divides the logits by, and the validation calibration before and after it;
    /// null when <see cref="ResNetClassifierOptions.Calibration"/> was <see cref="ProbabilityCalibration.None"/>.
    /// </summary>
    public CalibrationResult? Calibration { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => true;

    private static string[] ScoringOutputs => [ScoringColumnNames.Probabilities, ScoringColumnNames.ArgMaxOneHot];

    /// <summary>
    /// Writes the network as a standalone ONNX model: input <c>Pixels</c>, float [N, 3, R, R] RGB planar 0..255
    /// (R = ResizeSize, as ML.NET's ExtractPixels gives after ResizeImages); output <c>Score.output</c>, softmax
    /// [N, C] whose slot names (node <c>mlnet.Score.SlotNames</c>) are the class names.
    /// </summary>
    public void ExportOnnx(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(exportedOnnx);
    }

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        InputSchemaCheck.CheckInputSchema(inputSchema, spec.ImageColumnName, spec.ImageKind);
        return chain.Whole.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        InputSchemaCheck.CheckInputSchema(input.Schema, spec.ImageColumnName, spec.ImageKind);
        if (ImageReadGuard(input.Schema) is { } guard) input = new GuardedColumnDataView(input, guard);
        var pixels = chain.Preprocess.Transform(input);
        var scored = new BatchedOnnxDataView(pixels, chain.Onnx, scorer, ScoringColumnNames.Pixels, ScoringOutputs, batchSize);
        return new RefusalUnwrappingDataView(chain.Postprocess.Transform(scored));
    }

    /// <summary>The standard chain's row mapper (used by PredictionEngine): one row, one ONNX call.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        InputSchemaCheck.CheckInputSchema(inputSchema, spec.ImageColumnName, spec.ImageKind);
        var mapper = ((ITransformer)chain.Whole).GetRowToRowMapper(inputSchema);
        return ImageReadGuard(inputSchema) is { } guard ? new GuardedColumnRowMapper(mapper, guard) : mapper;
    }

    // Each row's image is checked as the chain reads it: a path's file by ImageFileGuard before LoadImages decodes it
    // (an error naming the row, never a 4 GB allocation), and an MLImage column for the null image that LoadImages
    // gives an empty path. The saved model.zip is the plain chain; these checks are this in-process transformer's own.
    private IColumnReadGuard? ImageReadGuard(DataViewSchema schema) => spec.ImageKind switch
    {
        ImageColumnKind.Path => new ImagePathCheck(schema[spec.ImageColumnName], spec.ImageFolder, ImageFileLimits.Default),
        ImageColumnKind.Image => new MissingImageCheck(schema[spec.ImageColumnName]),
        _ => null,
    };

    /// <summary>
    /// Saves the standard chain; model.zip then names no type of this library. Works after <see cref="Dispose"/> too:
    /// a PredictionEngine created over the model disposes it when the engine is disposed (unless OwnsTransformer = false).
    /// </summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => chain.Save(ctx);

    /// <summary>Releases the ONNX Runtime sessions and deletes the temporary network file (a later save writes it again for its length).</summary>
    public void Dispose()
    {
        scorer.Dispose();
        chain.Dispose();
    }
}
