using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// Scores with a saved model.zip: the model's own ML.NET <c>ResizeImages</c> and <c>ExtractPixels</c> parts prepare
/// the pixels (so the server sees what <c>predict</c> sees), and one ONNX Runtime session runs the embedded graph on a
/// whole batch. ML.NET's own ONNX session is disposed right after loading: only the class names come from it.
/// </summary>
public sealed class ModelFileScorer : IImageScorer
{
    // The unsized image type LoadImages gives; registering the same pair again is a no-op in ML.NET.
    static ModelFileScorer() => DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage));

    // Column names of the saved scoring chain (docs/MODEL_FILE.md).
    private const string LoadedImageColumn = "ResNetClassifier.LoadedImage";
    private const string PixelsColumn = "ResNetClassifier.Pixels";

    private readonly MLContext ml = new(seed: 1);
    private readonly ITransformer resize;
    private readonly ITransformer extract;
    private readonly string imageColumn;
    private readonly string pixelsColumn;
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly string outputName;
    private readonly long maxImagePixels;

    /// <summary>Loads <paramref name="modelPath"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a ResNetClassifier model.zip.</exception>
    public ModelFileScorer(string modelPath, long maxImagePixels)
    {
        this.maxImagePixels = maxImagePixels;
        byte[] graph = EmbeddedOnnxGraph.Read(modelPath);
        ITransformer chain;
        DataViewSchema inputSchema;
        try
        {
            chain = ml.Model.Load(modelPath, out inputSchema);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Model file '{modelPath}' is not a readable ML.NET model: {error.Message}", error);
        }
        try
        {
            var parts = Flatten(chain).ToList();
            var resizer = parts.OfType<ImageResizingTransformer>().SingleOrDefault()
                ?? throw new InvalidDataException($"Model file '{modelPath}' has no ResizeImages step; is it a ResNetClassifier model?");
            var extractor = parts.OfType<ImagePixelExtractingTransformer>().SingleOrDefault()
                ?? throw new InvalidDataException($"Model file '{modelPath}' has no ExtractPixels step; is it a ResNetClassifier model?");
            var onnx = parts.OfType<OnnxTransformer>().SingleOrDefault()
                ?? throw new InvalidDataException($"Model file '{modelPath}' has no ONNX step; is it a ResNetClassifier model?");
            resize = resizer;
            extract = extractor;
            // The step parts do not expose their columns; the schemas around them tell the names and the size.
            var before = parts.TakeWhile(p => p != resizer).Aggregate(inputSchema, (schema, part) => part.GetOutputSchema(schema));
            var images = before.Where(c => c.Type is ImageDataViewType).Select(c => c.Name).ToList();
            imageColumn = images.Count == 1 ? images[0] : images.FirstOrDefault(n => n == LoadedImageColumn)
                ?? throw new InvalidDataException($"Model file '{modelPath}': cannot tell which image column ResizeImages reads ({string.Join(", ", images)}).");
            var resized = resizer.GetOutputSchema(before);
            var side = resized.Where(c => c.Type is ImageDataViewType { Width: > 0 } && before.GetColumnOrNull(c.Name) is null)
                .Select(c => (ImageDataViewType)c.Type).SingleOrDefault()
                ?? throw new InvalidDataException($"Model file '{modelPath}': ResizeImages gives no sized image column.");
            ImageSide = side.Width;
            pixelsColumn = extractor.GetOutputSchema(resized).GetColumnOrNull(PixelsColumn)?.Name
                ?? throw new InvalidDataException($"Model file '{modelPath}' has no '{PixelsColumn}' column; is it a ResNetClassifier model?");
            ClassNames = ClassNamesOf(chain.GetOutputSchema(inputSchema), modelPath);
        }
        finally
        {
            // Only the ONNX step holds native memory and a temporary file; the image steps stay usable after.
            foreach (var onnx in Flatten(chain).OfType<OnnxTransformer>()) onnx.Dispose();
        }
        session = new InferenceSession(graph, new Microsoft.ML.OnnxRuntime.SessionOptions());
        inputName = session.InputMetadata.Keys.Single();
        outputName = session.OutputMetadata.Keys.FirstOrDefault(n => n.StartsWith("ResNetClassifier.Probabilities", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"Model file '{modelPath}': the ONNX graph has no probabilities output.");
        PixelsPerImage = 3 * ImageSide * ImageSide;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc />
    public int ImageSide { get; }

    /// <inheritdoc />
    public int PixelsPerImage { get; }

    /// <inheritdoc />
    public float[] Prepare(IReadOnlyList<EncodedImage> images)
    {
        var rows = new List<ImageRow>(images.Count);
        try
        {
            foreach (var image in images)
            {
                ImageHeaderGuard.Check(image, maxImagePixels);
                rows.Add(new ImageRow { Image = Decode(image) });
            }
            var definition = SchemaDefinition.Create(typeof(ImageRow));
            definition[nameof(ImageRow.Image)].ColumnName = imageColumn;
            var view = extract.Transform(resize.Transform(ml.Data.LoadFromEnumerable(rows, definition)));
            var pixels = new float[images.Count * PixelsPerImage];
            using var cursor = view.GetRowCursor([view.Schema[pixelsColumn]]);
            var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[pixelsColumn]);
            VBuffer<float> row = default;
            for (int i = 0; cursor.MoveNext(); i++)
            {
                getter(ref row);
                row.GetValues().CopyTo(pixels.AsSpan(i * PixelsPerImage, PixelsPerImage));
            }
            return pixels;
        }
        finally
        {
            foreach (var row in rows) row.Image?.Dispose();
        }
    }

    /// <inheritdoc />
    public float[] Score(float[] pixels, int count)
    {
        var tensor = new DenseTensor<float>(pixels.AsMemory(0, count * PixelsPerImage), [count, 3, ImageSide, ImageSide]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)], [outputName]);
        return results[0].AsTensor<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();

    // The same Skia decoder LoadImages uses, so the pixels match the saved chain's.
    private static MLImage Decode(EncodedImage image)
    {
        try
        {
            return MLImage.CreateFromStream(new MemoryStream(image.Bytes.ToArray(), writable: false));
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException)
        {
            throw new ImageRejectedException($"Image '{image.Part}' cannot be decoded: {error.Message}", error);
        }
    }

    // The Score column's slot names are the class names (docs/MODEL_FILE.md).
    private static IReadOnlyList<string> ClassNamesOf(DataViewSchema output, string modelPath)
    {
        var score = output.GetColumnOrNull("Score");
        if (score is null || !score.Value.HasSlotNames())
            throw new InvalidDataException($"Model file '{modelPath}' has no 'Score' column with class names; is it an image classifier?");
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.Value.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToList();
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) => transformer is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten)
        : [transformer];

    private sealed class ImageRow
    {
        public MLImage? Image { get; set; }
    }
}
