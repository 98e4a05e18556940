using System.Buffers;
using System.Runtime.ExceptionServices;
using Microsoft.ML;
using MlNetResNet.Scoring;

namespace MlNetResNet.Pipelines.Scoring;

/// <summary>
/// Scores image files with the network of a saved model.zip in batches, decoding and resizing on several threads.
/// The same file <c>mlContext.Model.Load</c> reads, and the same probabilities (within float rounding, 1e-5 per
/// class): the pixels come from ML.NET's own <c>ResizeImages</c> and <c>ExtractPixels</c> with the saved settings,
/// and the ONNX graph is the one inside the zip. Where ML.NET's <c>OnnxTransformer</c> runs one row per ONNX
/// Runtime call on the decoding thread, this runs <see cref="ModelZipScorerOptions.BatchSize"/> images per call.
/// </summary>
/// <remarks>
/// Load once and keep it: every method may be called from several threads at once. Dispose it to release the ONNX
/// Runtime session; it leaves no temporary files (ML.NET's own copy of the graph is deleted during
/// <see cref="Load"/>).
/// <code>
/// using var scorer = ModelZipScorer.Load(new MLContext(), "model.zip");
/// foreach (var p in scorer.Predict(["a.jpg", "b.png"])) Console.WriteLine($"{p.ImagePath}: {p.PredictedClass}");
/// </code>
/// </remarks>
public sealed class ModelZipScorer : IDisposable
{
    private readonly OnnxBatchScorer network;
    private readonly ScoringPixelPreprocessor preprocessor;
    private readonly int batchSize;
    private readonly int? fixedBatchSize;
    private readonly ParallelOptions decodeParallelism;
    private readonly bool overlapDecoding;

    private ModelZipScorer(OnnxBatchScorer network, ScoringPixelPreprocessor preprocessor, IReadOnlyList<string> classNames,
        ModelZipScorerOptions options)
    {
        this.network = network;
        this.preprocessor = preprocessor;
        ClassNames = classNames;
        fixedBatchSize = network.FixedBatchSize;
        // A graph whose batch dimension is a number takes exactly that many images per call.
        batchSize = fixedBatchSize ?? options.BatchSize;
        decodeParallelism = new ParallelOptions { MaxDegreeOfParallelism = options.DecodeThreads };
        overlapDecoding = options.OverlapDecoding;
    }

    /// <summary>Class names in probability order (the slot names of the model's <c>Score</c> column).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Side of the square each image is resized and center-cropped to before the graph (its own crop follows).</summary>
    public int ResizeSize => preprocessor.ResizeSize;

    /// <summary>Images per ONNX Runtime call.</summary>
    public int BatchSize => batchSize;

    /// <summary>Loads model.zip as written by <c>mlContext.Model.Save</c> of a pipeline with a ResNet classifier.</summary>
    /// <param name="mlContext">Runs ML.NET's image transforms; its <c>TempFilePath</c> holds ML.NET's copy of the graph while loading.</param>
    /// <param name="modelPath">The model.zip.</param>
    /// <param name="options">Batching and threads; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a model.zip of a ResNet classifier (the message names it).</exception>
    public static ModelZipScorer Load(MLContext mlContext, string modelPath, ModelZipScorerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        options ??= new ModelZipScorerOptions();
        options.Validate();
        IReadOnlyList<string> classNames;
        int resizeSize;
        // ML.NET reads the chain (and checks it); disposing it right away deletes its temporary copy of the graph.
        using (var model = ImageClassifierModel.Load(mlContext, modelPath))
        {
            classNames = model.ClassNames;
            resizeSize = LoadedChainCheck.ResizeSize(model.Transformer, model.InputSchema, modelPath);
        }
        var graph = EmbeddedGraphReader.Read(modelPath);
        var network = new OnnxBatchScorer(graph, ScoringColumnNames.Pixels,
            [ScoringColumnNames.OnnxOutput(ScoringColumnNames.Probabilities)], options.IntraOpThreads, options.IntraOpSpinning);
        try
        {
            if (network.ImageSide != resizeSize)
                throw new InvalidDataException(
                    $"Model file '{modelPath}': ResizeImages gives {resizeSize} px but the graph takes {network.ImageSide} px.");
            return new ModelZipScorer(network, new ScoringPixelPreprocessor(mlContext, resizeSize), classNames, options);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Decodes and resizes one image file, ready for <see cref="Score"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image (the message names it).</exception>
    public PreparedImage Prepare(string imagePath) => PrepareDecoded(imagePath, () => ScoringImageDecoder.DecodeFile(imagePath));

    /// <summary>Decodes and resizes one encoded image (JPEG, PNG, …) held in memory; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a decodable image.</exception>
    public PreparedImage Prepare(ReadOnlyMemory<byte> encodedImage, string name) =>
        PrepareDecoded(name, () => ScoringImageDecoder.DecodeBytes(encodedImage, name));

    /// <summary>Class probabilities of prepared images, in input order, <see cref="BatchSize"/> images per ONNX Runtime call.</summary>
    public float[][] Score(IReadOnlyList<PreparedImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return ScoreBatches(images.Count, (index, destination) => images[index].Pixels.CopyTo(destination));
    }

    /// <summary>
    /// Class probabilities of image files, in input order: each batch is decoded on
    /// <see cref="ModelZipScorerOptions.DecodeThreads"/> threads, then scored in one ONNX Runtime call.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not a decodable image; the message names every such file of its batch.</exception>
    public float[][] ScoreFiles(IReadOnlyList<string> imagePaths)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        return ScoreBatches(imagePaths.Count, (index, destination) =>
        {
            using var image = ScoringImageDecoder.DecodeFile(imagePaths[index]);
            preprocessor.Write(image, destination);
        });
    }

    /// <summary>Every class's probability for each image file, in input order (paths made absolute).</summary>
    public IReadOnlyList<ImagePrediction> Predict(IEnumerable<string> imagePaths)
    {
        var paths = imagePaths.Select(Path.GetFullPath).ToList();
        var scores = ScoreFiles(paths);
        return paths.Select((path, i) => new ImagePrediction(path, ClassNames, scores[i].Select(p => (double)p).ToList())).ToList();
    }

    /// <summary>Scores every image of <paramref name="dataset"/> with its true class, as <see cref="ScoredDataReader.Read"/> gives.</summary>
    /// <exception cref="ArgumentException">A row's label is not one of <see cref="ClassNames"/>.</exception>
    public List<ScoredExample> ScoreDataset(ImageFolderDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var classIndex = ClassNames.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        var labels = dataset.Rows.Select(row => classIndex.TryGetValue(row.Label, out int index) ? index : throw new ArgumentException(
            $"Image '{row.ImagePath}' has label '{row.Label}', which is not one of the model's classes: {string.Join(", ", ClassNames)}.",
            nameof(dataset))).ToList();
        var scores = ScoreFiles(dataset.Rows.Select(row => row.ImagePath).ToList());
        return dataset.Rows.Select((row, i) => new ScoredExample(labels[i], scores[i], row.ImagePath)).ToList();
    }

    /// <summary>Scores <paramref name="dataset"/> and computes the same report as <see cref="ScoredDataReader.Evaluate"/>.</summary>
    public EvaluationReport Evaluate(ImageFolderDataset dataset, int topK = 2, int worstCount = 5) =>
        EvaluationReport.Compute(ClassNames, ScoreDataset(dataset), topK, worstCount);

    /// <summary>Releases the ONNX Runtime session and ML.NET's prediction engines.</summary>
    public void Dispose()
    {
        network.Dispose();
        preprocessor.Dispose();
    }

    private PreparedImage PrepareDecoded(string name, Func<Microsoft.ML.Data.MLImage> decode)
    {
        var pixels = new float[preprocessor.PixelsPerImage];
        using (var image = decode()) preprocessor.Write(image, pixels);
        return new PreparedImage(name, pixels);
    }

    // Batch b + 1 is decoded into the second buffer while ONNX Runtime scores batch b (unless OverlapDecoding is off).
    private float[][] ScoreBatches(int count, Action<int, Span<float>> fill)
    {
        var results = new float[count][];
        int perImage = network.PixelsPerImage;
        int classes = ClassNames.Count;
        var current = ArrayPool<float>.Shared.Rent(batchSize * perImage);
        var next = ArrayPool<float>.Shared.Rent(batchSize * perImage);
        Task? filling = null;
        try
        {
            if (count > 0) FillBatch(current, 0, Math.Min(batchSize, count), perImage, fill);
            for (int start = 0; start < count; start += batchSize)
            {
                int n = Math.Min(batchSize, count - start);
                int nextStart = start + batchSize, nextCount = Math.Min(batchSize, count - nextStart);
                var nextBuffer = next;
                if (overlapDecoding && nextCount > 0)
                    filling = Task.Run(() => FillBatch(nextBuffer, nextStart, nextCount, perImage, fill));
                // A fixed-batch graph gets zero images after the last real one.
                int run = fixedBatchSize ?? n;
                Array.Clear(current, n * perImage, (run - n) * perImage);
                var probabilities = network.Run(current, run)[0];
                for (int i = 0; i < n; i++) results[start + i] = probabilities.AsSpan(i * classes, classes).ToArray();
                if (nextCount <= 0) break;
                if (filling is null) FillBatch(next, nextStart, nextCount, perImage, fill);
                else
                {
                    var finished = filling;
                    filling = null;
                    finished.GetAwaiter().GetResult();
                }
                (current, next) = (next, current);
            }
        }
        finally
        {
            // When scoring failed, the decoding task may still write into its buffer: wait (its own error is not the first).
            ((IAsyncResult?)filling)?.AsyncWaitHandle.WaitOne();
            ArrayPool<float>.Shared.Return(current);
            ArrayPool<float>.Shared.Return(next);
        }
        return results;
    }

    private void FillBatch(float[] buffer, int start, int count, int perImage, Action<int, Span<float>> fill)
    {
        var errors = new Exception?[count];
        Parallel.For(0, count, decodeParallelism, i =>
        {
            try
            {
                fill(start + i, buffer.AsSpan(i * perImage, perImage));
            }
            catch (Exception error) when (error is InvalidDataException or FileNotFoundException)
            {
                errors[i] = error;
            }
        });
        var failed = errors.OfType<Exception>().ToList();
        if (failed.Count == 1) ExceptionDispatchInfo.Capture(failed[0]).Throw();
        if (failed.Count > 1)
            throw new InvalidDataException($"{failed.Count} images cannot be scored:{Environment.NewLine}"
                + string.Join(Environment.NewLine, failed.Select(error => "  " + error.Message)), new AggregateException(failed));
    }
}
