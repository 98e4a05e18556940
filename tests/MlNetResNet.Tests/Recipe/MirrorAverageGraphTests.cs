using MlNetResNet.Export;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Recipe;

public sealed class MirrorAverageGraphTests
{
    [Fact]
    public void TheGraphScoresTheSoftmaxOfTheMeanLogitsOfTheImageAndItsMirrorImage()
    {
        using var net = MlNetResNet.Tests.Export.ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 4, seed: 6);
        net.eval();
        var options = new OnnxExportOptions
        {
            InputIsRawPixels = false, CropSize = 32, TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip, Temperature = 1.5,
        };
        var onnx = ResNetOnnxExporter.ExportToBytes(net, options);
        var pixels = new float[3 * 3 * 32 * 32];
        var random = new Random(8);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (float)(random.NextDouble() * 4 - 2);

        using var session = new InferenceSession(onnx);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Pixels", new DenseTensor<float>(pixels, [3, 3, 32, 32]))], ["Score.output"]);
        var scored = results[0].AsTensor<float>().ToArray();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(pixels).reshape(3, 3, 32, 32);
        var expected = nn.functional.softmax((net.forward(x) + net.forward(x.flip(3))) / 2 / 1.5, 1).data<float>().ToArray();
        var plain = nn.functional.softmax(net.forward(x) / 1.5, 1).data<float>().ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - scored[i]) <= 1e-5, $"slot {i}: {scored[i]} vs {expected[i]}");
        // Not the plain graph's scores: the mirror image counts.
        Assert.True(expected.Zip(plain).Max(pair => Math.Abs(pair.First - pair.Second)) > 1e-4);
    }
}
