using MlNetResNet.Serving.Http;
using MlNetResNet.Serving.Models;

namespace MlNetResNet.Serving.Scoring;

/// <summary>What every scoring route calls: lease the current version, prepare the images here, score in the batcher.</summary>
public sealed class ImageClassifier(ModelRegistry registry, DynamicBatcher batcher)
{
    public async Task<Classification> ClassifyAsync(IReadOnlyList<EncodedImage> images, CancellationToken cancellation)
    {
        if (images.Count == 0) throw new ServingException(StatusCodes.Status400BadRequest, "The request holds no image.");
        using var lease = registry.Lease()
            ?? throw new ServingException(StatusCodes.Status503ServiceUnavailable, "No model is loaded yet; try again shortly.");
        var scorer = lease.Model.Scorer;
        IReadOnlyList<Pipelines.Scoring.PreparedImage> prepared;
        try
        {
            prepared = scorer.Prepare(images);
        }
        catch (ImageRejectedException rejected)
        {
            throw new ServingException(StatusCodes.Status400BadRequest, rejected.Message);
        }
        var probabilities = await batcher.ScoreAsync(lease.Model, prepared, cancellation);
        return new Classification(lease.Model.Name, lease.Model.Version, scorer.ClassNames, probabilities);
    }
}
