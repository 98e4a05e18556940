using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;

namespace MlNetResNet.Scoring;

/// <summary>
/// The fitted classifier expressed in ML.NET's own transformers (see docs/MODEL_FILE.md):
/// [LoadImages] → ResizeImages (iso-crop to ResizeSize²) → ExtractPixels (RGB planar 0..255) →
/// ApplyOnnxModel (center crop, normalisation, network, softmax, arg-max) → Naive Bayes on the one-hot arg-max
/// (scalar key PredictedLabel) → Score copied from the probabilities, helper columns dropped.
/// It is kept in three parts so that the in-process transformer can run the ONNX part in batches.
/// </summary>
internal sealed class ScoringChain : IDisposable
{
    private readonly EmbeddedOnnxFile onnxFile;

    private ScoringChain(TransformerChain<ITransformer> preprocess, OnnxTransformer onnx, IReadOnlyList<ITransformer> postprocess,
        EmbeddedOnnxFile onnxFile)
    {
        this.onnxFile = onnxFile;
        Preprocess = preprocess;
        Onnx = onnx;
        Postprocess = new TransformerChain<ITransformer>(postprocess.ToArray());
        Whole = new TransformerChain<ITransformer>(preprocess.Concat([onnx]).Concat(postprocess).ToArray());
    }

    /// <summary>Image to pixel vector.</summary>
    public TransformerChain<ITransformer> Preprocess { get; }

    /// <summary>The network; runs one row at a time inside ML.NET.</summary>
    public OnnxTransformer Onnx { get; }

    /// <summary>Probabilities and arg-max to Score and PredictedLabel.</summary>
    public TransformerChain<ITransformer> Postprocess { get; }

    /// <summary>All parts in one flat chain: what model.zip holds and what PredictionEngine runs.</summary>
    public TransformerChain<ITransformer> Whole { get; }

    /// <summary>Fits the chain on the schema of <paramref name="data"/> (no rows are read).</summary>
    public static ScoringChain Fit(MLContext ml, IDataView data, ScoringChainSpec spec, byte[] onnxModel, IReadOnlyList<string> classNames)
    {
        var preprocess = FitPreprocess(ml, data, spec);
        var view = preprocess.Transform(data);

        var onnxFile = new EmbeddedOnnxFile(onnxModel, ml.TempFilePath);
        OnnxTransformer onnx;
        try
        {
            onnx = ml.Transforms.ApplyOnnxModel(
                    [ScoringColumnNames.OnnxOutput(ScoringColumnNames.Probabilities), ScoringColumnNames.OnnxOutput(ScoringColumnNames.ArgMaxOneHot)],
                    [ScoringColumnNames.Pixels], onnxFile.Path)
                .Fit(view);
        }
        catch
        {
            onnxFile.Dispose();
            throw;
        }
        view = onnx.Transform(view);

        var postprocess = new List<ITransformer>();
        var oneHotType = (VectorDataViewType)view.Schema[ScoringColumnNames.ArgMaxOneHot].Type;
        var predictedLabel = PredictedLabelMapper.Fit(ml, classNames, oneHotType, spec.LabelColumnName);
        postprocess.Add(predictedLabel);
        view = predictedLabel.Transform(view);
        string[] helpers = [ResNetColumnNames.Score, ScoringColumnNames.ArgMaxOneHot, ScoringColumnNames.Pixels,
            ScoringColumnNames.ResizedImage, .. DecodedImageColumn(spec.ImageKind)];
        view = FitAppend(ml.Transforms.DropColumns(helpers), view, postprocess);
        view = FitAppend(ml.Transforms.CopyColumns(ResNetColumnNames.Score, ScoringColumnNames.Probabilities), view, postprocess);
        FitAppend(ml.Transforms.DropColumns(ScoringColumnNames.Probabilities), view, postprocess);
        return new ScoringChain(preprocess, onnx, postprocess, onnxFile);
    }

    /// <summary>Saves <see cref="Whole"/>; also after <see cref="Dispose"/> (a disposed PredictionEngine disposes the model it ran).</summary>
    public void Save(ModelSaveContext ctx) => onnxFile.WhileOnDisk(() => ((ICanSaveModel)Whole).Save(ctx));

    public void Dispose()
    {
        Onnx.Dispose();
        onnxFile.Dispose();
    }

    /// <summary>
    /// The image-to-pixels part alone, fitted on the schema of <paramref name="data"/>: what the trainer's validation
    /// pass runs too (<see cref="ServedValidationSource"/>), so that it sees the pixels the saved model sees.
    /// </summary>
    public static TransformerChain<ITransformer> FitPreprocess(MLContext ml, IDataView data, ScoringChainSpec spec)
    {
        var parts = new List<ITransformer>();
        var view = data;
        foreach (var estimator in PreprocessEstimators(ml, spec))
            view = FitAppend(estimator, view, parts);
        return new TransformerChain<ITransformer>(parts.ToArray());
    }

    private static IEnumerable<IEstimator<ITransformer>> PreprocessEstimators(MLContext ml, ScoringChainSpec spec)
    {
        string image = spec.ImageColumnName;
        if (spec.ImageKind == ImageColumnKind.Path)
        {
            yield return ml.Transforms.LoadImages(ScoringColumnNames.LoadedImage, spec.ImageFolder, spec.ImageColumnName);
            image = ScoringColumnNames.LoadedImage;
        }
        foreach (var estimator in PixelEstimators(ml, image, spec.ResizeSize)) yield return estimator;
    }

    /// <summary>
    /// MLImage column <paramref name="imageColumnName"/> → <see cref="ScoringColumnNames.Pixels"/>: the two steps every
    /// saved model runs before its graph, also used by the fast scorer so that both see the same pixels.
    /// </summary>
    internal static IEnumerable<IEstimator<ITransformer>> PixelEstimators(MLContext ml, string imageColumnName, int resizeSize)
    {
        // IsoCrop with a center anchor = torchvision Resize(shorter side) followed by CenterCrop to a square.
        yield return ml.Transforms.ResizeImages(ScoringColumnNames.ResizedImage, resizeSize, resizeSize, imageColumnName,
            ImageResizingEstimator.ResizingKind.IsoCrop, ImageResizingEstimator.Anchor.Center);
        yield return ml.Transforms.ExtractPixels(ScoringColumnNames.Pixels, ScoringColumnNames.ResizedImage,
            ImagePixelExtractingEstimator.ColorBits.Rgb, ImagePixelExtractingEstimator.ColorsOrder.ARGB,
            interleavePixelColors: false, offsetImage: 0f, scaleImage: 1f, outputAsFloatArray: true);
    }

    private static string[] DecodedImageColumn(ImageColumnKind kind) =>
        kind == ImageColumnKind.Path ? [ScoringColumnNames.LoadedImage] : [];

    private static IDataView FitAppend(IEstimator<ITransformer> estimator, IDataView view, List<ITransformer> parts)
    {
        var transformer = estimator.Fit(view);
        parts.Add(transformer);
        return transformer.Transform(view);
    }
}
