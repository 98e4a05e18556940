using MlNetResNet.Imaging;

namespace MlNetResNet;

/// <summary>
/// The limits <see cref="ImageFileGuard"/> checks a file against before any decoder sees it. Each default is chosen so
/// that an accepted file decodes within a few hundred megabytes, and the check itself reads only the file's structure.
/// </summary>
public sealed class ImageFileLimits
{
    /// <summary>Default <see cref="MaxBytes"/>: 256 MiB, above any 100-megapixel JPEG or PNG a camera or scanner writes.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>Default <see cref="MaxFrames"/>: 1,000 frames.</summary>
    public const int DefaultMaxFrames = 1_000;

    /// <summary>The defaults: 256 MiB, 100 megapixels, 1,000 frames.</summary>
    public static ImageFileLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes. Default <see cref="DefaultMaxBytes"/>.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>
    /// Largest width·height accepted, read from the header (the canvas and every frame of a GIF). Default
    /// <see cref="ImageDecoder.DefaultMaxPixels"/> (100 megapixels, the same as <see cref="ResNetClassifierOptions.MaxImagePixels"/>).
    /// </summary>
    public long MaxPixels { get; init; } = ImageDecoder.DefaultMaxPixels;

    /// <summary>
    /// Most frames accepted in an animated GIF. Only the first frame is ever decoded, but a decoder walks the frames
    /// to find it and some keep one canvas per frame; past this count the file is refused. Default <see cref="DefaultMaxFrames"/>.
    /// </summary>
    public int MaxFrames { get; init; } = DefaultMaxFrames;

    internal void Validate()
    {
        if (MaxBytes <= 0) throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "The byte limit must be positive.");
        if (MaxPixels <= 0) throw new ArgumentOutOfRangeException(nameof(MaxPixels), MaxPixels, "The pixel limit must be positive.");
        if (MaxFrames <= 0) throw new ArgumentOutOfRangeException(nameof(MaxFrames), MaxFrames, "The frame limit must be positive.");
    }
}
