using MlNetResNet.Tests.Support;
using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Tests.ImageNet;

/// <summary>Missing or wrong files give exceptions that name the file and the problem.</summary>
public class ImageNetWeightsErrorTests
{
    [Fact]
    public void MissingModelNamesThePathAndThePackage()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ImageNetWeights.CreateResNet18(onnxPath: "no-such-folder/ResNet18.onnx"));
        Assert.Contains("no-such-folder/ResNet18.onnx", error.Message);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", error.Message);
    }

    [Fact]
    public void MissingPreprocessingNamesThePath()
    {
        using var net = ResNet.Create(ImageNetWeights.ResNet18Spec(), includeTop: false);
        var error = Assert.Throws<FileNotFoundException>(() => ImageNetWeights.LoadResNet18(net, preprocessingPath: "gone/prep.onnx"));
        Assert.Contains("gone/prep.onnx", error.Message);
    }

    [Fact]
    public void EmptyAndRandomFilesAreNotOnnx()
    {
        using var folder = new TempFolder();
        string empty = folder.File("empty.onnx");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        string noise = folder.File("noise.onnx");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(noise, bytes);

        var emptyError = Assert.Throws<InvalidDataException>(() => ImageNetWeights.CreateResNet18(onnxPath: empty));
        Assert.Contains("empty.onnx", emptyError.Message);
        Assert.Contains("empty", emptyError.Message);
        var noiseError = Assert.Throws<InvalidDataException>(() => ImageNetWeights.CreateResNet18(onnxPath: noise));
        Assert.Contains("noise.onnx", noiseError.Message);
    }

    [Fact]
    public void PreprocessingModelIsNotANetwork()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            ImageNetWeights.CreateResNet18(onnxPath: ImageNetWeights.DefaultPreprocessingPath));
        Assert.Contains("ResNetPreprocess.onnx", error.Message);
        Assert.Contains("no Conv", error.Message);
    }

    [Fact]
    public void NetworkIsNotAPreprocessing()
    {
        using var net = ResNet.Create(ImageNetWeights.ResNet18Spec(), includeTop: false);
        using var before = net.state_dict()["conv1.weight"].clone();
        var error = Assert.Throws<InvalidDataException>(() =>
            ImageNetWeights.LoadResNet18(net, preprocessingPath: ImageNetWeights.DefaultModelPath));
        Assert.Contains("ResNet18.onnx", error.Message);
        Assert.True(before.allclose(net.state_dict()["conv1.weight"], rtol: 0, atol: 0), "a failed load changed the network");
    }

    [Fact]
    public void CustomSpecsAreValidated()
    {
        var resnet18 = ResNetArchitectures.Get(ResNetArchitecture.ResNet18);
        Assert.Throws<ArgumentException>(() => ResNet.Create(resnet18 with { Layers = new[] { 2, 2, 2 } }));
        Assert.Throws<ArgumentException>(() => ResNet.Create(resnet18 with { Layers = new[] { 2, 0, 2, 2 } }));
        Assert.Throws<ArgumentException>(() => ResNet.Create(resnet18 with { Groups = 32 }));
        using var deeper = ResNet.Create(resnet18 with { Layers = new[] { 1, 1, 1, 3 } }, numClasses: 2);
        Assert.Contains("layer4.2.conv2.weight", deeper.state_dict().Keys);
    }
}
