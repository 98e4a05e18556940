using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MlNetResNet.Scoring;

namespace MlNetResNet.Pipelines.Scoring;

/// <summary>
/// Turns a decoded image into the graph's input pixels with ML.NET's own <c>ResizeImages</c> (iso-crop, center) and
/// <c>ExtractPixels</c>, built with the very settings of the saved chain (<c>ScoringChain.PixelEstimators</c>), so
/// the floats are those a loaded model.zip computes. ML.NET's prediction engines are single-threaded: each
/// concurrent caller rents one from a pool.
/// </summary>
internal sealed class ScoringPixelPreprocessor : IDisposable
{
    private readonly MLContext ml;
    private readonly ITransformer transformer;
    private readonly SchemaDefinition inputDefinition;
    private readonly ConcurrentBag<PixelEngine> engines = new();
    private readonly object creating = new();
    private bool disposed;

    // The unsized image type LoadImages gives: MLImage members need it registered (the same pair again is a no-op).
    static ScoringPixelPreprocessor() => DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));

    public ScoringPixelPreprocessor(MLContext ml, int resizeSize)
    {
        this.ml = ml;
        ResizeSize = resizeSize;
        inputDefinition = SchemaDefinition.Create(typeof(ImageRow));
        inputDefinition[nameof(ImageRow.Image)].ColumnName = ScoringColumnNames.LoadedImage;
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<ImageRow>(), inputDefinition);
        var estimators = ScoringChain.PixelEstimators(ml, ScoringColumnNames.LoadedImage, resizeSize).ToList();
        transformer = estimators[0].Append(estimators[1]).Fit(empty);
    }

    /// <summary>Side of the square the image is resized and cropped to.</summary>
    public int ResizeSize { get; }

    /// <summary>Floats written per image (3 planes of ResizeSize²).</summary>
    public int PixelsPerImage => 3 * ResizeSize * ResizeSize;

    /// <summary>Writes the RGB planar 0..255 floats of <paramref name="image"/> into <paramref name="destination"/>.</summary>
    public void Write(MLImage image, Span<float> destination)
    {
        var engine = Rent();
        try
        {
            engine.Engine.Predict(new ImageRow { Image = image }, ref engine.Output);
            var values = engine.Output.Pixels.GetValues();
            if (values.Length != PixelsPerImage)
                throw new InvalidOperationException($"ExtractPixels gave {values.Length} values; expected {PixelsPerImage}.");
            values.CopyTo(destination);
        }
        finally
        {
            engines.Add(engine);
        }
    }

    public void Dispose()
    {
        lock (creating) disposed = true;
        while (engines.TryTake(out var engine)) engine.Engine.Dispose();
    }

    private PixelEngine Rent()
    {
        if (engines.TryTake(out var engine)) return engine;
        // Creating an engine reads the MLContext, which is not documented as thread-safe.
        lock (creating)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return new PixelEngine(ml.Model.CreatePredictionEngine<ImageRow, PixelRow>(transformer, ignoreMissingColumns: true, inputDefinition));
        }
    }

    // The output row is reused so that its pixel buffer is allocated once per engine, not once per image.
    private sealed class PixelEngine(PredictionEngine<ImageRow, PixelRow> engine)
    {
        public PredictionEngine<ImageRow, PixelRow> Engine { get; } = engine;
        public PixelRow Output = new();
    }

    internal sealed class ImageRow
    {
        public MLImage? Image { get; set; }
    }

    internal sealed class PixelRow
    {
        [ColumnName(ScoringColumnNames.Pixels)]
        public VBuffer<float> Pixels = default;
    }
}
