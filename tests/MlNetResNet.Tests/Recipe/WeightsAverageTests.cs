using MlNetResNet.Training.Recipe;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Recipe;

public sealed class WeightsAverageTests
{
    [Fact]
    public void EachUpdateMovesTheAverageByOneMinusTheWarmedUpDecay()
    {
        using var network = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        using var average = new WeightsAverage(network, decay: 0.9);
        var start = Fc(network);
        var expected = start.ToArray();
        for (int update = 0; update < 30; update++)
        {
            // timm's warm-up: min(0.9, (1 + n) / (10 + n)) -> 0.1, 0.18, ... until 0.9 from n = 80 on.
            double decay = Math.Min(0.9, (1.0 + update) / (10.0 + update));
            Assert.Equal(decay, average.NextDecay, 12);
            using (no_grad())
            {
                network.get_parameter("fc.weight")!.add_(1.0f);
                network.get_buffer("bn1.running_mean")!.add_(2.0f);
            }
            var live = Fc(network);
            for (int i = 0; i < expected.Length; i++) expected[i] = (float)(decay * expected[i] + (1 - decay) * live[i]);
            average.Update(network);
        }
        var actual = average.Values("fc.weight");
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 3);
        // Buffers are averaged too, and integer counters copied.
        Assert.InRange(average.Values("bn1.running_mean")[0], 1, 59);
        using (no_grad()) network.get_buffer("bn1.num_batches_tracked")!.fill_(42);
        average.Update(network);
        Assert.Equal(42, average.Values("bn1.num_batches_tracked")[0]);
    }

    [Fact]
    public void CopyToWritesTheAverageIntoTheNetwork()
    {
        using var network = ResNet.Create(ResNetArchitecture.ResNet18, numClasses: 3);
        using var average = new WeightsAverage(network, decay: 0.5);
        var start = Fc(network);
        using (no_grad()) network.get_parameter("fc.weight")!.add_(4.0f);
        average.CopyTo(network);
        Assert.Equal(start, Fc(network));
    }

    [Fact]
    public void TheDefaultDecayHasAHalfLifeOfOneEpoch() =>
        Assert.Equal(0.5, Math.Pow(WeightsAverage.HalfLifeOfOneEpoch(13), 13), 12);

    private static float[] Fc(ResNet network) => network.get_parameter("fc.weight")!.detach().cpu().data<float>().ToArray();
}
