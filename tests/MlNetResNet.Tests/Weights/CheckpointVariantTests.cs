using MlNetResNet.Tests.Weights.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// The shapes real checkpoints come in: wrapped dicts, DataParallel prefixes, other float dtypes, pre-0.4.1
/// legacy files, another class count, and tensors that are strided views of a shared storage.
/// </summary>
[Collection(PthFixturesCollection.Name)]
public class CheckpointVariantTests(PthFixtures fixtures, ITestOutputHelper output)
{
    private const int ResNet18FloatTensors = 102; // 122 entries minus 20 num_batches_tracked

    [Theory]
    [InlineData("wrapped_state_dict", "state_dict")]
    [InlineData("wrapped_model_legacy", "model")]
    public void WrappedStateDictIsFoundUnderItsKey(string file, string wrapperKey)
    {
        var report = LoadAndCompare(file, "resnet18_logits.bin");

        Assert.True(report.IsComplete, report.ToString());
        Assert.Contains($"under '{wrapperKey}'", report.SourceDescription);
    }

    [Fact]
    public void DataParallelPrefixIsStripped()
    {
        var report = LoadAndCompare("module_prefix", "resnet18_logits.bin");

        Assert.Equal("module.", report.StrippedPrefix);
        Assert.True(report.IsComplete, report.ToString());
        Assert.DoesNotContain(report.LoadedKeys, k => k.StartsWith("module.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("float16", ScalarType.Float16)]
    [InlineData("bfloat16", ScalarType.BFloat16)]
    [InlineData("float64", ScalarType.Float64)]
    public void OtherFloatTypesAreConvertedToFloat32(string file, ScalarType stored)
    {
        var report = LoadAndCompare(file, $"{file}_logits.bin");

        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(ResNet18FloatTensors, report.DtypeConversions.Count);
        Assert.All(report.DtypeConversions, c => Assert.Equal((stored, ScalarType.Float32), (c.From, c.To)));
        Assert.DoesNotContain(report.DtypeConversions, c => c.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal));
        Assert.Contains($"from {stored} to Float32", report.ToString());
    }

    [Fact]
    public void PreBatchCounterLegacyFileLoadsWithCountersDefaulted()
    {
        // Pickled as PyTorch < 0.4 did (torch._utils._rebuild_tensor) and without num_batches_tracked, like the
        // official resnet34-333f7ec4.pth.
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);
        using (no_grad()) net.state_dict()["bn1.num_batches_tracked"].fill_(5);

        var report = LoadAndCompare("old_style_legacy", "resnet18_logits.bin", net);

        Assert.Equal(20, report.DefaultedKeys.Count);
        Assert.Equal(102, report.LoadedKeys.Count);
        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(0L, net.state_dict()["bn1.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void DifferentClassCountSkipsTheClassifierAndLoadsTheBackbone()
    {
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 1000);
        var freshClassifier = net.Head!.weight!.clone();

        var report = net.LoadPyTorchWeights(fixtures.File("fc10.pth"));

        Assert.Equal(new[] { "fc.weight", "fc.bias" }, report.SkippedKeys.Select(s => s.Key));
        Assert.All(report.SkippedKeys, s => Assert.Contains("10 classes", s.Reason));
        Assert.Empty(report.MissingKeys);
        Assert.Empty(report.UnexpectedKeys);
        Assert.Equal(120, report.LoadedKeys.Count);
        Assert.True(net.Head.weight!.Equals(freshClassifier));
        net.eval();
        using var noGrad = no_grad();
        var expected = RawTensors.Read(fixtures.File("fc10_features.bin"), fixtures.InputShape[0], net.FeatureDimension);
        double diff = RawTensors.MaxAbsDiff(net.Features(fixtures.Input()), expected);
        output.WriteLine($"fc10 backbone features: max |diff| = {diff:E2}");
        Assert.True(diff <= RawTensors.Tolerance(expected));
    }

    [Fact]
    public void HeadlessNetworkSkipsTheClassifier()
    {
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, includeTop: false);

        var report = net.LoadPyTorchWeights(fixtures.File("resnet18_zip.pth"));

        Assert.Equal(new[] { "fc.weight", "fc.bias" }, report.SkippedKeys.Select(s => s.Key));
        Assert.Empty(report.UnexpectedKeys);
        Assert.Equal(120, report.LoadedKeys.Count);
    }

    [Theory]
    [InlineData("views_zip.pth")]
    [InlineData("views_legacy.pth")]
    public void StridedViewsOfOneStorageReadAsInPyTorch(string file)
    {
        using var scope = NewDisposeScope();
        var tensors = PyTorchCheckpoint.Read(fixtures.File(file));

        Assert.Equal(new[] { "base", "row", "column", "transposed", "block", "steps", "mask" }, tensors.Keys);
        var b = RawTensors.Read(fixtures.File("views_base.bin"), 4, 5);
        Assert.True(tensors["base"].Equals(b));
        Assert.True(tensors["row"].Equals(b[1]));
        Assert.True(tensors["column"].Equals(b[TensorIndex.Colon, 2]));
        Assert.True(tensors["transposed"].Equals(b.t()));
        Assert.True(tensors["block"].Equals(b[TensorIndex.Slice(1, 3), TensorIndex.Slice(1)]));
        Assert.Equal(ScalarType.Int64, tensors["steps"].dtype);
        Assert.True(tensors["steps"].Equals(arange(5L)));
        Assert.Equal(ScalarType.Bool, tensors["mask"].dtype);
        Assert.True(tensors["mask"].Equals(b > 0));
    }

    [Fact]
    public void ReadKeepsFileOrderDtypesAndPrefixes()
    {
        using var scope = NewDisposeScope();
        var tensors = PyTorchCheckpoint.Read(fixtures.File("module_prefix.pth"));
        var half = PyTorchCheckpoint.Read(fixtures.File("float16.pth"));

        Assert.Equal("module.conv1.weight", tensors.Keys.First());
        Assert.Equal("module.bn1.weight", tensors.Keys.ElementAt(1));
        Assert.Equal(ScalarType.Float16, half["conv1.weight"].dtype);
        Assert.Equal(ScalarType.Int64, half["bn1.num_batches_tracked"].dtype);
        Assert.Equal(2L, half["bn1.num_batches_tracked"].item<long>());
    }

    private WeightLoadReport LoadAndCompare(string file, string logits, ResNet? into = null)
    {
        using var scope = NewDisposeScope();
        var net = into ?? ResNet.Create(ResNetArchitecture.ResNet18);
        try
        {
            var report = net.LoadPyTorchWeights(fixtures.File($"{file}.pth"));
            var expected = fixtures.Logits(logits);
            double diff = RawTensors.MaxAbsDiff(RawTensors.Logits(net, fixtures.Input()), expected);
            output.WriteLine($"{file}: max |logit diff| = {diff:E2}\n{report}");
            Assert.True(diff <= RawTensors.Tolerance(expected), $"max |diff| {diff}");
            return report;
        }
        finally
        {
            if (into is null) net.Dispose();
        }
    }
}
