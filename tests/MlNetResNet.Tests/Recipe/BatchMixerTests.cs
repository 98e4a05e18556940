using MlNetResNet.Training.Recipe;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Recipe;

public sealed class BatchMixerTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void MixedTargetsSumToOneAndWeighEachLabelByLambda(double smoothing)
    {
        using var scope = NewDisposeScope();
        var mixer = new BatchMixer(seed: 1, numClasses: 5, labelSmoothing: smoothing);
        var labels = tensor(new long[] { 0, 3, 3, 1 });
        var targets = mixer.MixTargets(labels, lambda: 0.7).data<float>().ToArray();
        double off = smoothing / 5, on = 1 - smoothing + off;
        long[] partner = [1, 3, 3, 0];
        for (int row = 0; row < 4; row++)
        {
            var values = targets.Skip(row * 5).Take(5).ToArray();
            Assert.Equal(1.0, values.Sum(), 5);
            for (int c = 0; c < 5; c++)
            {
                double expected = 0.7 * (c == labels[row].item<long>() ? on : off) + 0.3 * (c == partner[row] ? on : off);
                Assert.Equal(expected, values[c], 5);
            }
        }
    }

    [Fact]
    public void DrawsAreSeededAndHalfAreCutMixWhoseLambdaIsTheUncoveredShare()
    {
        var mixer = new BatchMixer(seed: 2, numClasses: 3, labelSmoothing: 0);
        Assert.Equal(mixer.Draw(3, 4, 32, 32), mixer.Draw(3, 4, 32, 32));
        Assert.NotEqual(mixer.Draw(3, 4, 32, 32), mixer.Draw(3, 5, 32, 32));
        int cutMix = 0;
        double mixupLambdaSum = 0;
        for (int batch = 0; batch < 2000; batch++)
        {
            var draw = mixer.Draw(1, batch, 32, 24);
            Assert.InRange(draw.Lambda, 0, 1);
            if (!draw.CutMix)
            {
                mixupLambdaSum += draw.Lambda;
                continue;
            }
            cutMix++;
            Assert.Equal(1 - draw.Box.Height * draw.Box.Width / (32.0 * 24), draw.Lambda, 12);
            Assert.InRange(draw.Box.Top + draw.Box.Height, 0, 32);
            Assert.InRange(draw.Box.Left + draw.Box.Width, 0, 24);
        }
        Assert.InRange(cutMix / 2000.0, 0.45, 0.55);
        // Beta(0.8, 0.8) is symmetric: its mean is 1/2.
        Assert.InRange(mixupLambdaSum / (2000 - cutMix), 0.47, 0.53);
    }

    [Fact]
    public void MixupBlendsEachImageWithItsPartnerAndCutMixPastesTheBox()
    {
        using var scope = NewDisposeScope();
        var images = arange(3 * 3 * 4 * 4, dtype: ScalarType.Float32).reshape(3, 3, 4, 4);
        var blended = BatchMixer.MixImages(images, new MixDraw(false, 0.25, default));
        Assert.True(blended.allclose(images * 0.25 + images.flip(0) * 0.75));

        var pasted = BatchMixer.MixImages(images, new MixDraw(true, 0.75, (Top: 1, Left: 2, Height: 2, Width: 2)));
        var reversed = images.flip(0);
        for (int n = 0; n < 3; n++)
        for (int y = 0; y < 4; y++)
        for (int x = 0; x < 4; x++)
        {
            bool inBox = y is >= 1 and < 3 && x is >= 2 and < 4;
            var expected = inBox ? reversed[n, 0, y, x] : images[n, 0, y, x];
            Assert.Equal(expected.item<float>(), pasted[n, 0, y, x].item<float>());
        }
    }

    [Fact]
    public void TheSoftTargetLossOfSmoothedOneHotsEqualsTorchsLabelSmoothedCrossEntropy()
    {
        using var scope = NewDisposeScope();
        var logits = randn(6, 4, generator: new Generator(7));
        var labels = tensor(new long[] { 0, 1, 2, 3, 1, 0 });
        var mixer = new BatchMixer(1, 4, labelSmoothing: 0.1);
        // λ = 1: the partner does not count, so the targets are the smoothed one-hots.
        var soft = BatchMixer.SoftTargetLoss(logits, mixer.MixTargets(labels, 1.0), classWeights: null).item<float>();
        var hard = nn.functional.cross_entropy(logits, labels, label_smoothing: 0.1).item<float>();
        Assert.Equal(hard, soft, 5);
    }

    [Fact]
    public void MixingSwitchesOffAfterTheOffEpoch()
    {
        var options = new ResNetClassifierOptions { Epochs = 8, Mixup = BatchMixing.MixupCutMix, MixupOffEpoch = 5 };
        var choices = RecipeChoices.Resolve(options);
        Assert.Equal([true, true, true, true, true, false, false, false], Enumerable.Range(1, 8).Select(choices.MixesIn));
        // Unset: the first three quarters of the epochs, rounded up.
        options.MixupOffEpoch = null;
        Assert.Equal(6, RecipeChoices.Resolve(options).MixupOffEpoch);
        options.Mixup = BatchMixing.None;
        Assert.DoesNotContain(true, Enumerable.Range(1, 8).Select(RecipeChoices.Resolve(options).MixesIn));
    }
}
