using MlNetResNet.Pipelines.Scoring;

namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// A loaded classifier split where the batcher needs it: <see cref="Prepare"/> (header check, decode, resize, pixels)
/// runs on the request's own thread, so decoding is parallel across requests; <see cref="Score"/> is the batched
/// network call. The server knows only this interface, so another loader replaces one class.
/// </summary>
public interface IImageScorer : IDisposable
{
    /// <summary>Class names in probability order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Side of the square image the network input is resized to.</summary>
    int ImageSide { get; }

    /// <summary>Decodes and preprocesses the images, checking the pixel cap on the header first.</summary>
    /// <exception cref="ImageRejectedException">An image is undecodable or too large; the message names its part.</exception>
    IReadOnlyList<PreparedImage> Prepare(IReadOnlyList<EncodedImage> images);

    /// <summary>Probabilities of each prepared image, in order, in as few network calls as the loader allows.</summary>
    float[][] Score(IReadOnlyList<PreparedImage> images);
}
