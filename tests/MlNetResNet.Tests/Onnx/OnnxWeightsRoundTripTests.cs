using MlNetResNet.Export;
using MlNetResNet.Tests.Export;
using MlNetResNet.Tests.Support;
using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Tests.Onnx;

/// <summary>
/// Our unfolded export read back by the ONNX weight import restores every tensor: the writer and the graph
/// walker agree on every architecture shape (basic, bottleneck, grouped).
/// </summary>
public class OnnxWeightsRoundTripTests
{
    [Theory]
    [InlineData(ResNetArchitecture.ResNet18)]
    [InlineData(ResNetArchitecture.ResNeXt50_32x4d)]
    public void UnfoldedExportLoadsBackExactly(ResNetArchitecture architecture)
    {
        using var folder = new TempFolder();
        string path = folder.File("net.onnx");
        using var source = ExportTestNets.Create(architecture, classes: 7, seed: 12);
        ResNetOnnxExporter.Export(source, path, new OnnxExportOptions { InputSize = 72, CropSize = 64, FoldBatchNorm = false });

        using var target = ResNet.Create(architecture, numClasses: 7);
        var report = OnnxResNetWeights.Load(target, path);

        Assert.True(report.HeadLoaded);
        Assert.Equal(ResNetArchitectures.Get(architecture).Layers, report.BlocksPerStage);
        Assert.Empty(report.Notes);
        var expected = source.state_dict();
        foreach (var (key, value) in target.state_dict())
        {
            if (key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) continue;
            Assert.True(value.allclose(expected[key], rtol: 0, atol: 0), $"{key} differs after the round trip");
        }
    }

    [Fact]
    public void FoldedExportCannotBeSplitBack()
    {
        using var folder = new TempFolder();
        string path = folder.File("folded.onnx");
        using (var net = ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 3, seed: 1))
            ResNetOnnxExporter.Export(net, path, new OnnxExportOptions { InputSize = 64, CropSize = 64 });

        using var target = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        var error = Assert.Throws<InvalidDataException>(() => OnnxResNetWeights.Load(target, path));
        Assert.Contains("folded.onnx", error.Message);
        Assert.Contains("BatchNormalization", error.Message);
    }

    [Fact]
    public void DifferentArchitectureIsRejectedBeforeAnythingIsWritten()
    {
        using var folder = new TempFolder();
        string path = folder.File("resnet18.onnx");
        using (var net = ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 3, seed: 1))
            ResNetOnnxExporter.Export(net, path, new OnnxExportOptions { InputSize = 64, CropSize = 64, FoldBatchNorm = false });

        using var resnet34 = ResNet.Create(ResNetArchitecture.ResNet34, numClasses: 3);
        using var before = resnet34.state_dict()["conv1.weight"].clone();
        var error = Assert.Throws<InvalidDataException>(() => OnnxResNetWeights.Load(resnet34, path));
        Assert.Contains("[2, 2, 2, 2]", error.Message);
        Assert.Contains("[3, 4, 6, 3]", error.Message);
        Assert.True(before.allclose(resnet34.state_dict()["conv1.weight"], rtol: 0, atol: 0));

        using var wrongClasses = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 4);
        var headError = Assert.Throws<InvalidDataException>(() => OnnxResNetWeights.Load(wrongClasses, path));
        Assert.Contains("classifier weight is 3×512", headError.Message);
    }
}
