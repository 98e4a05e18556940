using System.Text.Json;
using MlNetResNet.Export;
using MlNetResNet.Onnx;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Export;

/// <summary>The exported file is valid ONNX and has the interface ML.NET relies on.</summary>
public class OnnxExportGraphTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ExportedModelPassesOnnxChecker(bool fold)
    {
        using var folder = new TempFolder();
        string path = folder.File("resnet.onnx");
        using (var net = ExportTestNets.Create(ResNetArchitecture.ResNeXt50_32x4d, classes: 3, seed: 2))
        {
            ResNetOnnxExporter.Export(net, path, new OnnxExportOptions
            {
                InputSize = 72, CropSize = 64, FoldBatchNorm = fold, ClassNames = new[] { "cat", "dog", "bird" },
            });
        }

        var summary = JsonDocument.Parse(PythonReference.Run("check_onnx_model.py", path)).RootElement;

        Assert.Equal(17, summary.GetProperty("opsets").GetProperty("").GetInt32());
        Assert.Equal(3, summary.GetProperty("opsets").GetProperty("ai.onnx.ml").GetInt32());
        Assert.Equal("[\"N\",3,72,72]", summary.GetProperty("inputs").GetProperty("Pixels").GetRawText());
        Assert.Equal("[\"N\",3]", summary.GetProperty("outputs").GetProperty("Score.output").GetRawText());
        var ops = summary.GetProperty("op_types").EnumerateArray().Select(o => o.GetString()).ToList();
        Assert.Contains("Slice", ops);
        Assert.Equal(!fold, ops.Contains("BatchNormalization"));
        Assert.Equal("[\"cat\",\"dog\",\"bird\"]",
            summary.GetProperty("keys_strings").GetProperty("mlnet.Score.SlotNames").GetRawText());
    }

    [Fact]
    public void ClassNameCountMustMatchTheHead()
    {
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        var error = Assert.Throws<ArgumentException>(() =>
            ResNetOnnxExporter.ExportToBytes(net, new OnnxExportOptions { ClassNames = new[] { "a", "b" } }));
        Assert.Contains("2 class names", error.Message);
    }

    [Fact]
    public void HeadlessNetworkIsRejected()
    {
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, includeTop: false);
        var error = Assert.Throws<ArgumentException>(() => ResNetOnnxExporter.ExportToBytes(net));
        Assert.Contains("no classifier head", error.Message);
    }

    [Fact]
    public void CropLargerThanInputIsRejected()
    {
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ResNetOnnxExporter.ExportToBytes(net, new OnnxExportOptions { InputSize = 200, CropSize = 224 }));
    }

    [Fact]
    public void GraphBuilderRejectsUnknownInputsAndDuplicateNames()
    {
        var graph = new OnnxGraphBuilder("g", 17);
        graph.AddInput("x", OnnxElementType.Float, "N", 3);
        Assert.Throws<InvalidOperationException>(() => graph.AddNode("Relu", new[] { "missing" }));
        Assert.Throws<InvalidOperationException>(() => graph.AddInput("x", OnnxElementType.Float, 1));
        Assert.Throws<InvalidOperationException>(() => graph.AddNode("LabelEncoder", new[] { "x" }, new[] { "y" }, null, OnnxGraphBuilder.MlDomain));
        Assert.Throws<InvalidOperationException>(() => graph.AddOutput("nothing", OnnxElementType.Float, 1));
    }
}
