using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet;

/// <summary>
/// Labelled images with random access, the trainer's view of a data set. <see cref="Load"/> is called from
/// several worker threads at once (for different indices), so implementations must allow that.
/// </summary>
public interface IImageSampleSource
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Zero-based class of a sample.</summary>
    int GetLabel(int index);

    /// <summary>Decodes a sample into a new RGB image that the caller disposes.</summary>
    /// <exception cref="InvalidImageException">The image cannot be read or decoded; the message names it.</exception>
    Image<Rgb24> Load(int index);

    /// <summary>How a sample is named in reports and errors, e.g. <c>row 12 (cats/001.jpg)</c>.</summary>
    string Describe(int index);
}
