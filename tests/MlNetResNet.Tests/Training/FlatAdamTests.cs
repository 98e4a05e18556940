using MlNetResNet.Training.Format;
using MlNetResNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Training;

public class FlatAdamTests
{
    [Theory]
    [InlineData(0.0, false, false)]
    [InlineData(0.01, false, false)]
    [InlineData(0.05, true, false)]
    [InlineData(0.0, false, true)]
    public void MatchesTorchAdamStepForStep(double weightDecay, bool decoupled, bool channelsLast)
    {
        torch.manual_seed(3);
        using var reference = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 4);
        using var flat = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 4);
        flat.load_state_dict(reference.state_dict());
        reference.train();
        flat.train();
        // Both nets in the same layout: Adam turns kernel-level rounding differences in near-zero gradients into ±lr steps.
        if (channelsLast)
        {
            ChannelsLast.ConvertWeights(reference);
            ChannelsLast.ConvertWeights(flat);
        }

        using optim.Optimizer torchAdam = decoupled
            ? optim.AdamW(reference.parameters(), lr: 1e-3, weight_decay: weightDecay)
            : optim.Adam(reference.parameters(), lr: 1e-3, weight_decay: weightDecay);
        using var flatAdam = new FlatAdam(flat.parameters(), 1e-3, weightDecay: weightDecay, decoupledWeightDecay: decoupled);

        for (int step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var images = channelsLast ? ChannelsLast.Convert(randn(2, 3, 32, 32)) : randn(2, 3, 32, 32);
            var labels = tensor(new long[] { step % 4, (step + 1) % 4 });

            torchAdam.zero_grad();
            nn.functional.cross_entropy(reference.forward(images), labels).backward();
            torchAdam.step();

            flatAdam.ZeroGrad();
            nn.functional.cross_entropy(flat.forward(images), labels).backward();
            flatAdam.Step();
        }

        if (channelsLast) Assert.True(ChannelsLast.IsChannelsLast(flat.state_dict()["layer1.0.conv1.weight"]));
        var expected = reference.state_dict();
        foreach (var (name, value) in flat.state_dict())
        {
            if (value.dtype != ScalarType.Float32) continue;
            double difference = (value - expected[name]).abs().max().item<float>();
            Assert.True(difference < 1e-5, $"{name} differs by {difference}");
        }
    }

    [Fact]
    public void FrozenParametersStayOutOfTheBufferAndUnchanged()
    {
        using var net = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        foreach (var (name, parameter) in net.named_parameters())
            if (!name.StartsWith("fc.")) parameter.requires_grad = false;
        using var before = net.state_dict()["conv1.weight"].clone();
        using var adam = new FlatAdam(net.parameters(), 1e-2);

        adam.ZeroGrad();
        using (var scope = NewDisposeScope())
            nn.functional.cross_entropy(net.forward(randn(2, 3, 32, 32)), tensor(new long[] { 0, 2 })).backward();
        using var fcBefore = net.state_dict()["fc.weight"].clone();
        adam.Step();

        Assert.True(net.state_dict()["conv1.weight"].allclose(before, rtol: 0, atol: 0));
        Assert.False(net.state_dict()["fc.weight"].allclose(fcBefore, rtol: 0, atol: 0));
    }
}
