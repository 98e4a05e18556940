using System.Text.Json;
using MlNetResNet.Training.Format;
using MlNetResNet;
using MlNetResNet.Tests.Support;
using MlNetResNet.Training;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Training;

/// <summary>Mixed bfloat16 training and the channels-last layout: what they compute, what they leave behind.</summary>
public sealed class PrecisionAndLayoutTests(ITestOutputHelper output) : IDisposable
{
    private readonly TrainingFixtures fixtures = new();

    [Fact]
    public void BFloat16InputComputesInBFloat16CloseToFloat32WithFloat32Gradients()
    {
        manual_seed(3);
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 5);
        using var scope = NewDisposeScope();
        var images = randn(4, 3, 64, 64);

        net.eval();
        using (no_grad())
        {
            var full = net.forward(images);
            var half = net.forward(images.to(ScalarType.BFloat16));
            Assert.Equal(ScalarType.BFloat16, half.dtype);
            double cosine = nn.functional.cosine_similarity(full.flatten(), half.to(ScalarType.Float32).flatten(), dim: 0).item<float>();
            output.WriteLine($"cosine(float32 logits, bfloat16 logits) = {cosine:F5}");
            Assert.True(cosine > 0.99, $"cosine {cosine}");
        }

        net.train();
        var logits = net.forward(images.to(ScalarType.BFloat16)).to(ScalarType.Float32);
        nn.functional.cross_entropy(logits, tensor(new long[] { 0, 1, 2, 3 })).backward();
        foreach (var (name, parameter) in net.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, parameter.dtype);
            Assert.NotNull(parameter.grad);
            Assert.Equal(ScalarType.Float32, parameter.grad!.dtype);
        }
        Assert.True(net.named_parameters().First(p => p.name == "conv1.weight").parameter.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void MixedPrecisionTrainingLearnsAndLeavesFloat32ContiguousWeights()
    {
        var options = TrainingFixtures.Options(epochs: 4, batchSize: 16);
        options.Precision = TrainingPrecision.BFloat16Mixed;
        options.MetricsCallback = metrics => output.WriteLine(metrics.ToString());

        var result = new ResNetTrainer(options).Train(fixtures.Shapes(120, seed: 1), fixtures.Shapes(45, seed: 2), ShapeImages.Classes);
        using var network = result.Network;

        var best = result.History.Single(m => m.Epoch == result.BestEpoch);
        Assert.True(best.ValidationAccuracy >= 0.85, $"best validation accuracy {best.ValidationAccuracy:P1}");
        AssertFloat32Contiguous(network);
    }

    [Fact]
    public void ChannelsLastComputesWhatChannelsFirstComputes()
    {
        manual_seed(5);
        using var nchw = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        manual_seed(5);
        using var nhwc = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        ChannelsLast.ConvertWeights(nhwc);
        Assert.True(ChannelsLast.IsChannelsLast(nhwc.state_dict()["layer1.0.conv1.weight"]));
        using var scope = NewDisposeScope();
        var images = randn(4, 3, 48, 48);
        var labels = tensor(new long[] { 0, 1, 2, 0 });

        var a = nchw.forward(images);
        var b = nhwc.forward(ChannelsLast.Convert(images));
        Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5), $"max |Δ logit| {(a - b).abs().max().item<float>()}");
        nn.functional.cross_entropy(a, labels).backward();
        nn.functional.cross_entropy(b, labels).backward();
        var gradients = nhwc.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!);
        foreach (var (name, parameter) in nchw.named_parameters())
            Assert.True(parameter.grad!.allclose(gradients[name], rtol: 1e-3, atol: 1e-5), $"{name} gradient differs");
    }

    [Fact]
    public void ChannelsLastTrainingCheckpointsResumesExactlyAndEndsContiguous()
    {
        using var folder = new TempFolder();
        var train = fixtures.Shapes(32, seed: 3);
        var validation = fixtures.Shapes(12, seed: 4);
        ResNetClassifierOptions Options(int epochs, string? checkpoints = null, bool resume = false)
        {
            var options = TrainingFixtures.Options(epochs);
            options.Layout = TensorLayout.ChannelsLast;
            options.CheckpointDirectory = checkpoints;
            options.Resume = resume;
            return options;
        }

        var reference = new ResNetTrainer(Options(epochs: 2)).Train(train, validation, ShapeImages.Classes);
        using var referenceNetwork = reference.Network;
        AssertFloat32Contiguous(referenceNetwork);

        new ResNetTrainer(Options(epochs: 1, folder.Path)).Train(train, validation, ShapeImages.Classes).Network.Dispose();
        using (var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "epoch-0001", "state.json"))))
            Assert.True(state.RootElement.GetProperty("ChannelsLast").GetBoolean(), "the checkpoint does not record channels-last");
        var resumed = new ResNetTrainer(Options(epochs: 2, folder.Path, resume: true)).Train(train, validation, ShapeImages.Classes);
        using var resumedNetwork = resumed.Network;

        // Weights written and read back across the layout change must continue the run bit for bit.
        Assert.Equal(TrainingFixtures.Repeatable(reference.History), TrainingFixtures.Repeatable(resumed.History));
        using var scope = NewDisposeScope();
        var expected = referenceNetwork.state_dict();
        foreach (var (name, tensor) in resumedNetwork.state_dict())
            Assert.True(tensor.equal(expected[name]).all().item<bool>(), $"{name} differs after resume");
    }

    [Fact]
    public void ResumeRefusesACheckpointOfTheOtherLayout()
    {
        using var folder = new TempFolder();
        var train = fixtures.Shapes(24, seed: 5);
        var validation = fixtures.Shapes(8, seed: 6);
        var first = TrainingFixtures.Options(epochs: 1);
        first.Layout = TensorLayout.ChannelsFirst;
        first.CheckpointDirectory = folder.Path;
        new ResNetTrainer(first).Train(train, validation, ShapeImages.Classes).Network.Dispose();

        var resume = TrainingFixtures.Options(epochs: 2);
        resume.Layout = TensorLayout.ChannelsLast;
        resume.CheckpointDirectory = folder.Path;
        resume.Resume = true;
        var error = Assert.Throws<InvalidOperationException>(() => new ResNetTrainer(resume).Train(train, validation, ShapeImages.Classes));
        Assert.Contains("channels-last", error.Message);
    }

    [Theory]
    [InlineData(DeviceType.CPU, 64, TrainingPrecision.Float32, TensorLayout.Auto, false)]
    [InlineData(DeviceType.CPU, 224, TrainingPrecision.Float32, TensorLayout.Auto, true)]
    [InlineData(DeviceType.CPU, 64, TrainingPrecision.BFloat16Mixed, TensorLayout.Auto, true)]
    [InlineData(DeviceType.CUDA, 64, TrainingPrecision.Float32, TensorLayout.Auto, true)]
    [InlineData(DeviceType.CPU, 224, TrainingPrecision.Float32, TensorLayout.ChannelsFirst, false)]
    [InlineData(DeviceType.CPU, 64, TrainingPrecision.Float32, TensorLayout.ChannelsLast, true)]
    public void AutoLayoutIsChannelsLastWhereItMeasuredFaster(DeviceType device, int imageSize, TrainingPrecision precision,
        TensorLayout layout, bool expectChannelsLast)
    {
        var options = new ResNetClassifierOptions { ImageSize = imageSize, Precision = precision, Layout = layout };
        var format = StepFormat.Resolve(options, new Device(device));
        Assert.Equal(expectChannelsLast, format.ChannelsLast);
        Assert.Equal(precision == TrainingPrecision.BFloat16Mixed ? ScalarType.BFloat16 : ScalarType.Float32, format.TrainingComputeType);
    }

    private static void AssertFloat32Contiguous(ResNet network)
    {
        foreach (var (name, tensor) in network.state_dict())
        {
            if (tensor.dtype == ScalarType.Int64) continue; // num_batches_tracked
            Assert.Equal(ScalarType.Float32, tensor.dtype);
            Assert.True(tensor.is_contiguous(), $"{name} is not contiguous after training");
        }
    }

    public void Dispose() => fixtures.Dispose();
}
