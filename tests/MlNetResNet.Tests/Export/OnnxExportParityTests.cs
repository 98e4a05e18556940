using Xunit.Abstractions;
using MlNetResNet.Export;
using MlNetResNet.Onnx;
using MlNetResNet.Tests.Onnx;

namespace MlNetResNet.Tests.Export;

/// <summary>The exported graph, run by ONNX Runtime, must give TorchSharp's eval-mode probabilities.</summary>
public class OnnxExportParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(ResNetArchitecture.ResNet18, 256, 224, true)]
    [InlineData(ResNetArchitecture.ResNet18, 72, 64, false)]
    [InlineData(ResNetArchitecture.ResNeXt50_32x4d, 72, 64, true)]
    [InlineData(ResNetArchitecture.ResNet50, 70, 64, false)]
    public void ProbabilitiesEqualTorchSharp(ResNetArchitecture architecture, int inputSize, int cropSize, bool fold)
    {
        using var net = ExportTestNets.Create(architecture, classes: 10, seed: 11);
        var options = new OnnxExportOptions
        {
            InputSize = inputSize, CropSize = cropSize, FoldBatchNorm = fold,
            ExtendGraph = (graph, tensors) =>
            {
                // Probabilities of 10 classes are compressed by softmax: compare the logits too.
                graph.AddNode("Identity", new[] { tensors.Logits }, new[] { "Logits.output" }, null, OnnxGraphBuilder.DefaultDomain);
                graph.AddOutput("Logits.output", OnnxElementType.Float, "N", tensors.ClassCount);
            },
        };
        var raw = ExportTestNets.RawPixels(2, inputSize, seed: 5);
        var (expectedLogits, expected) = ExportTestNets.Reference(net, raw, 2, inputSize, cropSize);

        using var runner = new OnnxRuntimeRunner(ResNetOnnxExporter.ExportToBytes(net, options));
        var actual = runner.Run("Pixels", raw, new long[] { 2, 3, inputSize, inputSize }, "Score.output", "Logits.output");

        float diff = ExportTestNets.MaxAbsDiff(expected, actual["Score.output"].Values);
        float logitDiff = ExportTestNets.MaxAbsDiff(expectedLogits, actual["Logits.output"].Values);
        float logitScale = Math.Max(1f, expectedLogits.Max(Math.Abs));
        output.WriteLine($"{architecture} {inputSize}->{cropSize} fold={fold}: max |p diff| {diff:E2} (max p {expected.Max():F3}), " +
                         $"max |logit diff| {logitDiff:E2} (max |logit| {logitScale:F2})");
        Assert.True(expectedLogits.Max() - expectedLogits.Min() > 0.5f, "reference logits are nearly constant: the test would prove little");
        Assert.True(diff <= Tolerance, $"{architecture} fold={fold}: max |p_onnx - p_torch| = {diff:E2}");
        Assert.True(logitDiff <= Tolerance * logitScale, $"{architecture} fold={fold}: max |logit diff| = {logitDiff:E2}");
    }

    [Fact]
    public void OneSessionServesBatchOneAndBatchThree()
    {
        const int size = 72, crop = 64;
        using var net = ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 5, seed: 3);
        using var runner = new OnnxRuntimeRunner(ResNetOnnxExporter.ExportToBytes(net,
            new OnnxExportOptions { InputSize = size, CropSize = crop }));

        var three = ExportTestNets.RawPixels(3, size, seed: 9);
        var one = three.AsSpan(0, 3 * size * size).ToArray();
        var gotThree = runner.RunSingle("Pixels", three, new long[] { 3, 3, size, size }, "Score.output");
        var gotOne = runner.RunSingle("Pixels", one, new long[] { 1, 3, size, size }, "Score.output");

        Assert.Equal(15, gotThree.Length);
        Assert.Equal(5, gotOne.Length);
        Assert.True(ExportTestNets.MaxAbsDiff(ExportTestNets.ReferenceProbabilities(net, three, 3, size, crop), gotThree) <= Tolerance);
        Assert.True(ExportTestNets.MaxAbsDiff(gotThree[..5], gotOne) <= 1e-5f, "row 0 of the batch differs from the single image");
        var inputShape = runner.Session.InputMetadata["Pixels"].Dimensions;
        Assert.Equal(-1, inputShape[0]);
    }

    [Fact]
    public void NormalizedInputSkipsCropAndNormalization()
    {
        const int crop = 64;
        using var net = ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 4, seed: 8);
        var raw = ExportTestNets.RawPixels(2, crop, seed: 1);
        var normalized = new float[raw.Length];
        float[] mean = { 0.485f, 0.456f, 0.406f }, std = { 0.229f, 0.224f, 0.225f };
        for (int i = 0; i < raw.Length; i++)
        {
            int channel = i / (crop * crop) % 3;
            normalized[i] = (raw[i] / 255f - mean[channel]) / std[channel];
        }
        using var runner = new OnnxRuntimeRunner(ResNetOnnxExporter.ExportToBytes(net,
            new OnnxExportOptions { InputIsRawPixels = false, CropSize = crop, InputName = "Image" }));

        var actual = runner.RunSingle("Image", normalized, new long[] { 2, 3, crop, crop }, "Score.output");

        var expected = ExportTestNets.ReferenceProbabilities(net, raw, 2, crop, crop);
        Assert.True(ExportTestNets.MaxAbsDiff(expected, actual) <= Tolerance);
    }

    [Fact]
    public void ExtendGraphCanAddAnArgMaxOutput()
    {
        const int size = 40;
        using var net = ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 6, seed: 4);
        var options = new OnnxExportOptions
        {
            InputSize = size,
            CropSize = 32,
            ExtendGraph = (graph, tensors) =>
            {
                string label = graph.AddNode("ArgMax", new[] { tensors.Probabilities },
                    OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("keepdims", 0));
                graph.AddNode("Identity", new[] { label }, new[] { "PredictedIndex.output" }, null, OnnxGraphBuilder.DefaultDomain);
                graph.AddOutput("PredictedIndex.output", OnnxElementType.Int64, "N");
                graph.AddNode("Identity", new[] { tensors.Logits }, new[] { "Logits.output" }, null, OnnxGraphBuilder.DefaultDomain);
                graph.AddOutput("Logits.output", OnnxElementType.Float, "N", tensors.ClassCount);
            },
        };
        using var runner = new OnnxRuntimeRunner(ResNetOnnxExporter.ExportToBytes(net, options));
        var raw = ExportTestNets.RawPixels(4, size, seed: 2);

        var outputs = runner.Run("Pixels", raw, new long[] { 4, 3, size, size }, "Score.output", "PredictedIndex.output", "Logits.output");

        var probabilities = outputs["Score.output"].Values;
        var predicted = outputs["PredictedIndex.output"].Values;
        Assert.Equal(new long[] { 4 }, outputs["PredictedIndex.output"].Shape);
        for (int row = 0; row < 4; row++)
        {
            var rowProbabilities = probabilities.AsSpan(row * 6, 6).ToArray();
            Assert.Equal(Array.IndexOf(rowProbabilities, rowProbabilities.Max()), (int)predicted[row]);
        }
        Assert.Equal(new long[] { 4, 6 }, outputs["Logits.output"].Shape);
    }
}
