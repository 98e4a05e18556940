using Xunit.Abstractions;
using MlNetResNet.Weights.ImageNet;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.ImageNet;

/// <summary>
/// The ImageNet ResNet-18 imported from ML.NET's ONNX files must compute the original's features: exactly on
/// the original's preprocessed input, and at cosine ≥ 0.995 on our normalized RGB input (preprocessing folded).
/// </summary>
public class ImageNetWeightsTests(ITestOutputHelper output)
{
    [Fact]
    public void FoldedNetworkMatchesOnnxRuntimeOnPhotos()
    {
        using var net = ImageNetWeights.CreateResNet18(out var report);
        net.eval();
        output.WriteLine(report.ToString());
        using var reference = new ImageNetReference();

        var cosines = new List<(string Photo, double Cosine)>();
        foreach (string photo in TestPhotos.Names)
        {
            var rgb = TestPhotos.RgbPlanar(photo, 224);
            var expected = reference.Features(rgb);
            var actual = Features(net, TestPhotos.Normalize(rgb));
            cosines.Add((photo, TestPhotos.Cosine(expected, actual)));
        }

        foreach (var (photo, cosine) in cosines) output.WriteLine($"{photo,-24} cosine {cosine:F5}");
        Assert.True(cosines.Count >= 8);
        Assert.All(cosines, c => Assert.True(c.Cosine >= 0.995, $"{c.Photo}: cosine {c.Cosine:F5} < 0.995"));
    }

    [Fact]
    public void TheImportReportSaysWhichTorchvisionModelItsPthLoadsInto()
    {
        using var net = ImageNetWeights.CreateResNet18(out var report, numClasses: 2);
        // The ONNX graph has one block more in layer4 than torchvision's resnet18.
        Assert.Equal([2, 2, 2, 3], report.BlocksPerStage);
        Assert.Contains("torchvision.models.resnet.ResNet(BasicBlock, [2, 2, 2, 3]), not into torchvision.models.resnet18()", report.ToString());
        Assert.Contains("loads into torchvision.models.resnet18()", ImageNetWeights.TorchvisionLayoutNote([2, 2, 2, 2]));
    }

    [Fact]
    public void GraphMappingIsExactOnThePreprocessedInput()
    {
        // Without the fold, our network on the original's preprocessed tensor must reproduce it to float rounding.
        using var net = ResNet.Create(ImageNetWeights.ResNet18Spec(), includeTop: false);
        var report = OnnxResNetWeights.Load(net, ImageNetWeights.DefaultModelPath);
        net.eval();
        using var reference = new ImageNetReference();

        foreach (string photo in TestPhotos.Names.Take(3))
        {
            var preprocessed = reference.Preprocess(TestPhotos.RgbPlanar(photo, 224));
            var expected = reference.FeaturesOfPreprocessed(preprocessed);
            var actual = Features(net, preprocessed);
            float maxDiff = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            float scale = expected.Max(Math.Abs);
            output.WriteLine($"{photo}: max |diff| {maxDiff:E2} (max |feature| {scale:F2}), cosine {TestPhotos.Cosine(expected, actual):F7}");
            Assert.True(maxDiff <= 1e-4f * Math.Max(1f, scale), $"{photo}: max |diff| {maxDiff:E2}");
        }
        Assert.Equal(22, report.ConvolutionsLoaded);
        Assert.False(report.HeadLoaded);
    }

    [Fact]
    public void GraphHasOneMoreBlockInTheLastStageThanTorchvision()
    {
        Assert.Equal(new[] { 2, 2, 2, 3 }, ImageNetWeights.ResNet18Spec().Layers);
        using var torchvisionLayout = ResNet.Create(ResNetArchitecture.ResNet18, includeTop: false);
        var error = Assert.Throws<InvalidDataException>(() => ImageNetWeights.LoadResNet18(torchvisionLayout));
        Assert.Contains("[2, 2, 2, 3]", error.Message);
        Assert.Contains("[2, 2, 2, 2]", error.Message);
    }

    [Fact]
    public void ClassifierVariantKeepsTheBackboneAndAddsAFreshHead()
    {
        using var features = ImageNetWeights.CreateResNet18();
        using var classifier = ImageNetWeights.CreateResNet18(numClasses: 5);
        Assert.Null(features.Head);
        Assert.Equal(5, classifier.NumClasses);
        Assert.Equal(512, classifier.Head!.in_features);
        var a = features.state_dict()["layer4.2.conv2.weight"];
        var b = classifier.state_dict()["layer4.2.conv2.weight"];
        Assert.True(a.allclose(b, rtol: 0, atol: 0));
    }

    private static float[] Features(ResNet net, float[] input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return net.Features(tensor(input, new long[] { 1, 3, 224, 224 })).data<float>().ToArray();
    }
}
