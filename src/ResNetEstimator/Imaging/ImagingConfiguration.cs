using System.Collections.Concurrent;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;

namespace MlNetResNet.Imaging;

/// <summary>The ImageSharp configuration every decode and transform here runs with.</summary>
internal static class ImagingConfiguration
{
    // The largest pixel type a decoder may go through on the way to Rgb24 is Rgba64 (16-bit PNG): 8 bytes a pixel.
    private const int BytesPerPixelAtMost = 8;

    private static readonly ConcurrentDictionary<long, Configuration> ForLargerLimits = new();

    /// <summary>
    /// Single-threaded per image: the batch pipeline already spreads images over threads, and nested
    /// parallelism inside each resize would only fight libtorch for the same cores. Hardened for untrusted files:
    /// GIFs decode their first frame only, PNG and GIF text metadata is not read (a zTXt chunk can be a
    /// decompression bomb of its own), and no single buffer may exceed what an image at
    /// <see cref="ImageDecoder.DefaultMaxPixels"/> needs, should a header the guard accepted still lie.
    /// </summary>
    public static Configuration SingleThreaded { get; } = Create(ImageDecoder.DefaultMaxPixels);

    /// <summary>The same configuration with an allocation limit that fits <paramref name="maxPixels"/> when it is above the default.</summary>
    public static Configuration ForMaxPixels(long maxPixels) =>
        maxPixels <= ImageDecoder.DefaultMaxPixels ? SingleThreaded : ForLargerLimits.GetOrAdd(maxPixels, Create);

    /// <summary>The allocation limit for <paramref name="maxPixels"/>, in megabytes.</summary>
    public static int AllocationLimitMegabytes(long maxPixels) =>
        (int)Math.Min(int.MaxValue, (maxPixels * BytesPerPixelAtMost + (1 << 20) - 1) >> 20);

    private static Configuration Create(long maxPixels)
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
        {
            AllocationLimitMegabytes = AllocationLimitMegabytes(maxPixels),
        });
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance,
            new GifDecoder { DecodingMode = FrameDecodingMode.First, IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        return configuration;
    }
}
