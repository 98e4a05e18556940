using MlNetResNet.Tests.Support;
using MlNetResNet.Training.FeatureCache;

namespace MlNetResNet.Tests.Training.FineTuning;

public sealed class FeatureCacheStoreTests : IDisposable
{
    private const int Dimension = 16;
    private readonly TempFolder folder = new("featurecache");

    private static FeatureCacheKey Key(int image) =>
        new(BitConverter.GetBytes(image), "resnet18", "weights", 32, 37, "eval");

    private static float[] Features(int seed) => Enumerable.Range(0, Dimension).Select(i => seed + i * 0.25f).ToArray();

    [Fact]
    public void AWrittenEntryReadsBackExactly()
    {
        var store = new FeatureCacheStore(folder.Path, 1 << 20);
        store.Write(Key(1), Features(1));
        var read = new float[Dimension];
        Assert.True(new FeatureCacheStore(folder.Path, 1 << 20).TryRead(Key(1), read));
        Assert.Equal(Features(1), read);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp-*"));
    }

    [Theory]
    [InlineData("flip a feature byte")]
    [InlineData("truncate")]
    [InlineData("flip a checksum byte")]
    [InlineData("wrong feature count")]
    public void ADamagedEntryIsReportedAsAMissAndDeleted(string damage)
    {
        var store = new FeatureCacheStore(folder.Path, 1 << 20);
        store.Write(Key(2), Features(2));
        string path = Path.Combine(folder.Path, Key(2).FileName);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip a feature byte": bytes[20] ^= 0x40; break;
            case "truncate": bytes = bytes[..^7]; break;
            case "flip a checksum byte": bytes[^1] ^= 1; break;
        }
        File.WriteAllBytes(path, bytes);
        int expected = damage == "wrong feature count" ? Dimension + 1 : Dimension;

        var reader = new FeatureCacheStore(folder.Path, 1 << 20);
        Assert.False(reader.TryRead(Key(2), new float[expected]));
        Assert.Equal((1, 1, 0), (reader.Corrupt, reader.Misses, reader.Hits));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void TheFolderStaysWithinItsSizeByEvictingTheLeastRecentlyUsed()
    {
        var probe = new FeatureCacheStore(folder.Path, 1 << 20);
        probe.Write(Key(0), Features(0));
        long entryBytes = probe.TotalBytes;
        var store = new FeatureCacheStore(folder.Path, entryBytes * 3);
        store.Write(Key(1), Features(1));
        store.Write(Key(2), Features(2));
        Assert.True(store.TryRead(Key(0), new float[Dimension])); // 0 is now the most recently used
        store.Write(Key(3), Features(3));                          // evicts 1, the oldest untouched

        Assert.Equal(1, store.Evicted);
        Assert.False(File.Exists(Path.Combine(folder.Path, Key(1).FileName)));
        foreach (int kept in new[] { 0, 2, 3 }) Assert.True(File.Exists(Path.Combine(folder.Path, Key(kept).FileName)), $"entry {kept}");
        Assert.True(Directory.GetFiles(folder.Path).Sum(f => new FileInfo(f).Length) <= entryBytes * 3);
    }

    [Fact]
    public void ASmallerLimitOnOpeningShrinksTheFolder()
    {
        var store = new FeatureCacheStore(folder.Path, 1 << 20);
        for (int i = 0; i < 5; i++) store.Write(Key(i), Features(i));
        long entryBytes = store.TotalBytes / 5;
        var smaller = new FeatureCacheStore(folder.Path, entryBytes * 2);
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
        Assert.Equal(3, smaller.Evicted);
    }

    public void Dispose() => folder.Dispose();
}
