using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Imaging;

/// <summary>
/// Hands out each sample "prepared" — decoded and shrunk so its shorter side is at most
/// <see cref="ShorterSide"/> — and keeps prepared pixels across epochs while they fit the budget; beyond it,
/// samples are decoded again each time. Preparation is the same whether or not a sample is cached, so the
/// budget changes speed, never results.
/// </summary>
internal sealed class DecodedImageCache
{
    private readonly IImageSampleSource source;
    private readonly CacheBudget budget;
    private readonly CachedPixels?[] entries;

    public DecodedImageCache(IImageSampleSource source, int shorterSide, CacheBudget budget)
    {
        if (shorterSide < 1) throw new ArgumentOutOfRangeException(nameof(shorterSide), shorterSide, "Must be at least 1.");
        this.source = source;
        this.budget = budget;
        ShorterSide = shorterSide;
        entries = new CachedPixels?[source.Count];
    }

    /// <summary>Longest shorter side a prepared image keeps (smaller images are left as they are).</summary>
    public int ShorterSide { get; }

    /// <summary>Samples whose pixels are held.</summary>
    public int CachedCount => entries.Count(entry => entry is not null);

    /// <summary>
    /// The prepared image of a sample. The caller disposes it and must not modify it: a cached image is a
    /// view of the cache's own pixels.
    /// </summary>
    /// <exception cref="InvalidImageException">The sample cannot be decoded.</exception>
    public Image<Rgb24> Get(int index)
    {
        var cached = Volatile.Read(ref entries[index]);
        if (cached is not null)
        {
            return Image.WrapMemory<Rgb24>(ImagingConfiguration.SingleThreaded, cached.Pixels.AsMemory(),
                cached.Width, cached.Height);
        }
        var prepared = ResizeShorterSide.ShrinkTo(source.Load(index), ShorterSide);
        TryKeep(index, prepared);
        return prepared;
    }

    private void TryKeep(int index, Image<Rgb24> prepared)
    {
        long bytes = 3L * prepared.Width * prepared.Height;
        if (bytes > int.MaxValue || !budget.TryReserve(bytes)) return;
        var pixels = GC.AllocateUninitializedArray<byte>((int)bytes);
        prepared.CopyPixelDataTo(pixels);
        if (Interlocked.CompareExchange(ref entries[index], new CachedPixels(pixels, prepared.Width, prepared.Height), null) is not null)
            budget.Release(bytes); // another thread cached it first: give the bytes back
    }

    private sealed record CachedPixels(byte[] Pixels, int Width, int Height);
}
