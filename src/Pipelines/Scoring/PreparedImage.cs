namespace MlNetResNet.Pipelines.Scoring;

/// <summary>
/// An image decoded, resized and turned into the network's input pixels by <see cref="ModelZipScorer.Prepare(string)"/>,
/// waiting to be scored in a batch with others (<see cref="ModelZipScorer.Score"/>). Holds managed memory only.
/// </summary>
public sealed class PreparedImage
{
    internal PreparedImage(string name, float[] pixels)
    {
        Name = name;
        Pixels = pixels;
    }

    /// <summary>The file path, or the name given with the bytes.</summary>
    public string Name { get; }

    /// <summary>RGB planar floats 0..255, ResizeSize² per plane.</summary>
    internal float[] Pixels { get; }
}
