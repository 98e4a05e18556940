using Microsoft.ML;
using MlNetResNet.Pipelines.Scoring;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// The server's scorer on the fast model.zip loader (<see cref="ModelZipScorer"/>: the model's own ResizeImages and
/// ExtractPixels, then the embedded graph in ONNX Runtime). Every upload passes <see cref="ImageFileGuard"/> first:
/// format by signature, pixel cap from the header, structure, so no decoder allocates for a hostile file.
/// </summary>
public sealed class ModelZipImageScorer : IImageScorer
{
    private readonly ModelZipScorer scorer;
    private readonly ImageFileLimits limits;

    /// <param name="modelPath">The model.zip.</param>
    /// <param name="maxBatch">Images per ONNX Runtime call (the batcher never hands over more).</param>
    /// <param name="maxImagePixels">Largest width·height accepted.</param>
    public ModelZipImageScorer(string modelPath, int maxBatch, long maxImagePixels)
    {
        scorer = ModelZipScorer.Load(new MLContext(seed: 1), modelPath, new ModelZipScorerOptions { BatchSize = maxBatch });
        limits = new ImageFileLimits { MaxPixels = maxImagePixels };
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => scorer.ClassNames;

    /// <inheritdoc />
    public int ImageSide => scorer.ResizeSize;

    /// <inheritdoc />
    public IReadOnlyList<PreparedImage> Prepare(IReadOnlyList<EncodedImage> images)
    {
        var prepared = new List<PreparedImage>(images.Count);
        foreach (var image in images)
        {
            var verdict = ImageFileGuard.Inspect(image.Bytes, image.Part, limits);
            if (!verdict.IsAccepted) throw new ImageRejectedException(verdict.Reason);
            try
            {
                prepared.Add(scorer.Prepare(image.Bytes, image.Part));
            }
            catch (InvalidDataException error)
            {
                throw new ImageRejectedException(error.Message, error);
            }
        }
        return prepared;
    }

    /// <inheritdoc />
    public float[][] Score(IReadOnlyList<PreparedImage> images) => scorer.Score(images);

    /// <inheritdoc />
    public void Dispose() => scorer.Dispose();
}
