using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Pipelines.IO;
using MlNetResNet.Scoring.ImageGuard;

namespace MlNetResNet.Pipelines;

/// <summary>
/// A fitted image-folder pipeline (see <see cref="ImageClassificationPipeline"/>) or one loaded from model.zip: scores
/// rows with <c>ImagePath</c> (and, for evaluation, <c>Label</c>) columns. Dispose it: ML.NET keeps the network of a
/// loaded model in a temporary file that only disposing the chain deletes.
/// </summary>
public sealed class ImageClassifierModel : IDisposable
{
    internal ImageClassifierModel(MLContext mlContext, ITransformer transformer, DataViewSchema inputSchema)
    {
        MLContext = mlContext;
        Transformer = transformer;
        InputSchema = inputSchema;
        var output = transformer.GetOutputSchema(inputSchema);
        var score = output.GetColumnOrNull(ResNetColumnNames.Score)
            ?? throw new InvalidDataException($"The model has no '{ResNetColumnNames.Score}' output column; is it an image classifier?");
        VBuffer<ReadOnlyMemory<char>> names = default;
        if (!score.HasSlotNames())
            throw new InvalidDataException($"The model's '{ResNetColumnNames.Score}' column carries no class names (slot names).");
        score.GetSlotNames(ref names);
        ClassNames = names.DenseValues().Select(name => name.ToString()).ToList();
    }

    /// <summary>The ML.NET context the model runs in.</summary>
    public MLContext MLContext { get; }

    /// <summary>The whole fitted chain.</summary>
    public ITransformer Transformer { get; }

    /// <summary>Schema of the rows the chain expects.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>Class names in score-slot order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The fitted classifier (training history, best epoch) when the model was trained in this process.</summary>
    public ResNetClassifierTransformer? Classifier => Find(Transformer);

    /// <summary>Images left out of training because <see cref="ImageFileGuard"/> refused them (empty for a loaded model).</summary>
    public IReadOnlyList<UnreadableImage> RefusedImages { get; internal init; } = [];

    /// <summary>
    /// Scores the rows of a data set (its <c>Label</c> column must use this model's class names). Each file is checked
    /// with <see cref="ImageFileGuard"/> as it is read; a refused one throws <see cref="InvalidImageException"/> naming it.
    /// </summary>
    public IDataView Score(ImageFolderDataset dataset) => Guarded(dataset.ToDataView(MLContext));

    /// <summary>Scores image files with no known label; a refused file throws <see cref="InvalidImageException"/> naming it.</summary>
    public IDataView Score(IEnumerable<string> imagePaths) =>
        Guarded(MLContext.Data.LoadFromEnumerable(imagePaths.Select(path =>
            // An empty label maps to the missing key, which scoring ignores.
            new ImageFolderRow { ImagePath = Path.GetFullPath(path), Label = "" })));

    // The chain's LoadImages decodes with SkiaSharp and no size limit: every path is checked before it gets there.
    private IDataView Guarded(IDataView rows) =>
        new RefusalUnwrappingDataView(Transformer.Transform(ImageDataGuard.ThrowOnRefused(rows, PipelineColumnNames.ImagePath)));

    /// <summary>Every class's probability for each image, in input order.</summary>
    public IReadOnlyList<ImagePrediction> Predict(IEnumerable<string> imagePaths)
    {
        var scored = Score(imagePaths);
        var predictions = new List<ImagePrediction>();
        using var cursor = scored.GetRowCursor([scored.Schema[ResNetColumnNames.Score], scored.Schema[PipelineColumnNames.ImagePath]]);
        var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema[ResNetColumnNames.Score]);
        var getPath = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema[PipelineColumnNames.ImagePath]);
        VBuffer<float> scores = default;
        ReadOnlyMemory<char> path = default;
        while (cursor.MoveNext())
        {
            getScore(ref scores);
            getPath(ref path);
            predictions.Add(new ImagePrediction(path.ToString(), ClassNames, scores.DenseValues().Select(p => (double)p).ToList()));
        }
        return predictions;
    }

    /// <summary>Releases the ONNX Runtime sessions and the temporary model files of the chain.</summary>
    public void Dispose() => (Transformer as IDisposable)?.Dispose();

    /// <summary>Writes model.zip atomically (temp file, then rename).</summary>
    public void Save(string path) =>
        AtomicFile.Write(path, (Stream stream) => MLContext.Model.Save(Transformer, InputSchema, stream));

    // Appended estimator chains fit to nested transformer chains.
    private static ResNetClassifierTransformer? Find(ITransformer transformer) => transformer switch
    {
        ResNetClassifierTransformer classifier => classifier,
        IEnumerable<ITransformer> chain => chain.Select(Find).FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>Loads a model.zip written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable ML.NET model of an image classifier.</exception>
    public static ImageClassifierModel Load(MLContext mlContext, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = mlContext.Model.Load(path, out schema);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // ML.NET reports a damaged zip in many shapes (InvalidDataException, FormatException, InvalidOperationException…).
            throw new InvalidDataException($"Model file '{path}' is not a readable ML.NET model: {error.Message}", error);
        }
        try
        {
            return new ImageClassifierModel(mlContext, transformer, schema);
        }
        catch (InvalidDataException error)
        {
            (transformer as IDisposable)?.Dispose();
            throw new InvalidDataException($"Model file '{path}': {error.Message}", error);
        }
    }
}
