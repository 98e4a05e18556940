using MlNetResNet.Imaging;
using MlNetResNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MlNetResNet.Tests.Imaging;

public class DecodedImageCacheTests
{
    [Fact]
    public void KeepsShrunkImagesWithinTheBudgetAndDecodesTheRestAgain()
    {
        var source = new CountingSource(count: 4, width: 200, height: 100);
        // Each prepared image is 74x37 RGB = 8214 bytes: room for two of them.
        var cache = new DecodedImageCache(source, shorterSide: 37, new CacheBudget(2 * 8214 + 100));
        for (int pass = 0; pass < 3; pass++)
        {
            for (int index = 0; index < 4; index++)
            {
                using var image = cache.Get(index);
                Assert.Equal(new Size(74, 37), image.Size());
                Assert.Equal(source.ColorOf(index), image[30, 20]);
            }
        }
        Assert.Equal(2, cache.CachedCount);
        Assert.Equal(new[] { 1, 1, 3, 3 }, source.Loads);
    }

    [Fact]
    public void ZeroBudgetCachesNothing()
    {
        var source = new CountingSource(count: 2, width: 40, height: 40);
        var cache = new DecodedImageCache(source, shorterSide: 37, new CacheBudget(0));
        for (int pass = 0; pass < 2; pass++)
        {
            using var first = cache.Get(0);
            using var second = cache.Get(1);
        }
        Assert.Equal(0, cache.CachedCount);
        Assert.Equal(new[] { 2, 2 }, source.Loads);
    }

    private sealed class CountingSource(int count, int width, int height) : IImageSampleSource
    {
        public int[] Loads { get; } = new int[count];

        public int Count => count;

        public int GetLabel(int index) => 0;

        public Rgb24 ColorOf(int index) => new((byte)(40 * index), 100, 200);

        public Image<Rgb24> Load(int index)
        {
            Interlocked.Increment(ref Loads[index]);
            return TestImages.Filled(width, height, ColorOf(index));
        }

        public string Describe(int index) => $"row {index}";
    }
}
