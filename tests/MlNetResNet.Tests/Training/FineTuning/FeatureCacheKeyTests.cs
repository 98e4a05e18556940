using MlNetResNet.Training.FeatureCache;

namespace MlNetResNet.Tests.Training.FineTuning;

public sealed class FeatureCacheKeyTests
{
    private static readonly FeatureCacheKey Baseline = new(new byte[32], "resnet18/2,2,2,2", "ABCD", 64, 73, "eval");

    private static FeatureCacheKey WithChanged(string field) => field switch
    {
        "image content" => Baseline with { ContentHash = Enumerable.Repeat((byte)1, 32).ToArray() },
        "architecture" => Baseline with { Architecture = "resnet34/3,4,6,3" },
        "backbone weights" => Baseline with { WeightsFingerprint = "ABCE" },
        "image size" => Baseline with { ImageSize = 65 },
        "resize size" => Baseline with { ResizeSize = 74 },
        "preprocessing" => Baseline with { Preprocessing = "train-view:1" },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a key field."),
    };

    [Theory]
    [InlineData("image content")]
    [InlineData("architecture")]
    [InlineData("backbone weights")]
    [InlineData("image size")]
    [InlineData("resize size")]
    [InlineData("preprocessing")]
    public void TheKeyChangesWhenAnyInputToItChanges(string field)
    {
        var changed = WithChanged(field);
        Assert.NotEqual(Baseline.FileName, changed.FileName);
        Assert.True(changed.FileName.EndsWith(FeatureCacheStore.EntryExtension, StringComparison.Ordinal), field);
    }

    [Fact]
    public void TheSameInputsGiveTheSameKey() =>
        Assert.Equal(Baseline.FileName, (Baseline with { ContentHash = new byte[32] }).FileName);

    [Fact]
    public void ContentHashOfEncodedBytesChangesWithOneByte()
    {
        var bytes = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var first = ImageContentHash.OfEncoded(bytes);
        bytes[50] ^= 1;
        Assert.NotEqual(first, ImageContentHash.OfEncoded(bytes));
    }
}
