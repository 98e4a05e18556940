using MlNetResNet.Tests.Weights.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights;

/// <summary>
/// Weights written by PyTorch 1.13 (zip and legacy format) give our network PyTorch's eval-mode logits on the
/// same input, within 1e-4 · max(1, max |logit|).
/// </summary>
[Collection(PthFixturesCollection.Name)]
public class PyTorchParityTests(PthFixtures fixtures, ITestOutputHelper output)
{
    public static TheoryData<ResNetArchitecture, string> ArchitecturesAndFormats() => new()
    {
        { ResNetArchitecture.ResNet18, "zip" },
        { ResNetArchitecture.ResNet18, "legacy" },
        { ResNetArchitecture.ResNet50, "zip" },
        { ResNetArchitecture.ResNet50, "legacy" },
        { ResNetArchitecture.ResNeXt50_32x4d, "zip" },
        { ResNetArchitecture.ResNeXt50_32x4d, "legacy" },
    };

    [Theory]
    [MemberData(nameof(ArchitecturesAndFormats))]
    public void LogitsEqualPyTorch(ResNetArchitecture architecture, string format)
    {
        using var scope = NewDisposeScope();
        string name = ResNetArchitectures.Get(architecture).TorchvisionName;
        using var net = ResNet.Create(architecture);

        var report = net.LoadPyTorchWeights(fixtures.File($"{name}_{format}.pth"));

        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(net.state_dict().Count, report.LoadedKeys.Count);
        Assert.Contains(format, report.SourceDescription);
        var expected = fixtures.Logits($"{name}_logits.bin");
        var actual = RawTensors.Logits(net, fixtures.Input());
        double diff = RawTensors.MaxAbsDiff(actual, expected), tolerance = RawTensors.Tolerance(expected);
        output.WriteLine($"{name} {format}: max |logit diff| = {diff:E2} (tolerance {tolerance:E2}, max |logit| {expected.abs().max().item<float>():F3})");
        Assert.True(diff <= tolerance, $"max |diff| {diff} > {tolerance}");
    }

    [Fact]
    public void FreshNetworkDoesNotMatchPyTorchLogits()
    {
        // Guards the parity test itself: without loading, the logits must differ well beyond the tolerance.
        using var scope = NewDisposeScope();
        using var net = ResNet.Create(ResNetArchitecture.ResNet18);
        var expected = fixtures.Logits("resnet18_logits.bin");
        Assert.True(RawTensors.MaxAbsDiff(RawTensors.Logits(net, fixtures.Input()), expected) > 100 * RawTensors.Tolerance(expected));
    }
}
