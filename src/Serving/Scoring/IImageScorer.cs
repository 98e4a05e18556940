namespace MlNetResNet.Serving.Scoring;

/// <summary>
/// A loaded classifier split where the batcher needs it: <see cref="Prepare"/> (decode, resize, pixels) runs on the
/// request's own thread, so decoding is parallel across requests; <see cref="Score"/> is the one batched network call.
/// The server knows only this interface, so another loader replaces one class.
/// </summary>
public interface IImageScorer : IDisposable
{
    /// <summary>Class names in probability order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Side of the square image the network input is resized to.</summary>
    int ImageSide { get; }

    /// <summary>Floats per prepared image.</summary>
    int PixelsPerImage { get; }

    /// <summary>Decodes and preprocesses the images, checking the pixel cap on the header first.</summary>
    /// <exception cref="ImageRejectedException">An image is undecodable or too large; the message names its part.</exception>
    float[] Prepare(IReadOnlyList<EncodedImage> images);

    /// <summary>Probabilities, row-major [count, classes], of the first <paramref name="count"/> prepared images.</summary>
    float[] Score(float[] pixels, int count);
}
