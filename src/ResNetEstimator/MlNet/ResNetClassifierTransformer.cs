using Microsoft.ML;
using Microsoft.ML.Data;

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
        var pixels = chain.Preprocess.Transform(input);
        var scored = new BatchedOnnxDataView(pixels, chain.Onnx, scorer, ScoringColumnNames.Pixels, ScoringOutputs, batchSize);
        return chain.Postprocess.Transform(scored);
    }

    /// <summary>The standard chain's row mapper (used by PredictionEngine): one row, one ONNX call.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        InputSchemaCheck.CheckInputSchema(inputSchema, spec.ImageColumnName, spec.ImageKind);
        return ((ITransformer)chain.Whole).GetRowToRowMapper(inputSchema);
    }

    /// <summary>Saves the standard chain; model.zip then names no type of this library.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        if (spec.ImageKind == ImageColumnKind.EncodedBytes)
            throw new NotSupportedException(
                $"A ResNet classifier reading encoded bytes from column '{spec.ImageColumnName}' cannot be saved as standard " +
                "ML.NET transformers: ML.NET has no transformer that decodes image bytes and ONNX Runtime implements no " +
                "ImageDecoder. Load the images with LoadImages (paths to MLImage), or give the classifier the path column " +
                "and ImageFolder, to get a model.zip that any ML.NET app can load.");
        ((ICanSaveModel)chain.Whole).Save(ctx);
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        scorer.Dispose();
        chain.Dispose();
    }
}
