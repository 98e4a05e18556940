using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Microsoft.ML.Transforms.Onnx;
using MlNetResNet.Scoring;

namespace MlNetResNet.Pipelines.Scoring;

/// <summary>
/// Confirms that a loaded model.zip is the scoring chain this library writes (ResizeImages → ExtractPixels →
/// ONNX, see docs/MODEL_FILE.md) and reads the resize size from its schema.
/// </summary>
internal static class LoadedChainCheck
{
    /// <summary>The side of the square <c>ResizeImages</c> produces.</summary>
    /// <exception cref="InvalidDataException">The chain lacks one of the parts (the message names the file and the part).</exception>
    public static int ResizeSize(ITransformer chain, DataViewSchema inputSchema, string modelPath)
    {
        var parts = Flatten(chain).ToList();
        Require<ImagePixelExtractingTransformer>(parts, modelPath, "ExtractPixels");
        Require<OnnxTransformer>(parts, modelPath, "ApplyOnnxModel");
        var schema = inputSchema;
        foreach (var part in parts)
        {
            schema = part.GetOutputSchema(schema);
            if (part is ImageResizingTransformer
                && schema.GetColumnOrNull(ScoringColumnNames.ResizedImage)?.Type is ImageDataViewType { Height: > 0 } resized
                && resized.Height == resized.Width)
                return resized.Height;
        }
        throw new InvalidDataException(
            $"Model file '{modelPath}' has no ResizeImages step writing a square '{ScoringColumnNames.ResizedImage}' column: it was not saved by a ResNet classifier.");
    }

    private static void Require<T>(List<ITransformer> parts, string modelPath, string what)
    {
        if (!parts.OfType<T>().Any())
            throw new InvalidDataException($"Model file '{modelPath}' has no {what} step: it was not saved by a ResNet classifier.");
    }

    // Appended estimator chains load as nested transformer chains.
    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
