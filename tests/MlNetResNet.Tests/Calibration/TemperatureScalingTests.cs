using MlNetResNet.Training.Calibration;
using MlNetResNet;

namespace MlNetResNet.Tests.Calibration;

public sealed class TemperatureScalingTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    public void TheFittedTemperatureRecoversTheOneTheLabelsWereDrawnWith(double trueTemperature)
    {
        // Labels drawn from softmax(z / T): the model that scores z is calibrated exactly at T.
        var random = new Random(7);
        var logits = new List<float[]>();
        var labels = new List<int>();
        for (int row = 0; row < 4000; row++)
        {
            var z = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 6)).ToArray();
            var p = TemperatureScaling.Softmax([z], 1 / trueTemperature)[0];
            double u = random.NextDouble(), cumulative = 0;
            int label = p.Length - 1;
            for (int k = 0; k < p.Length; k++)
            {
                cumulative += p[k];
                if (u < cumulative) { label = k; break; }
            }
            logits.Add(z);
            labels.Add(label);
        }

        var result = TemperatureScaling.Fit(logits, labels);

        Assert.InRange(result.Temperature, trueTemperature * 0.9, trueTemperature * 1.1);
        Assert.True(result.NllAfter < result.NllBefore, $"NLL {result.NllBefore} -> {result.NllAfter}");
        Assert.True(result.EceAfter < result.EceBefore, $"ECE {result.EceBefore} -> {result.EceAfter}");
        Assert.Equal(4000, result.Images);
    }

    [Fact]
    public void AlreadyCalibratedLogitsKeepATemperatureNearOne()
    {
        var random = new Random(3);
        var logits = new List<float[]>();
        var labels = new List<int>();
        for (int row = 0; row < 4000; row++)
        {
            var z = new[] { (float)(random.NextDouble() * 4), 0f };
            var p = TemperatureScaling.Softmax([z], 1)[0];
            logits.Add(z);
            labels.Add(random.NextDouble() < p[0] ? 0 : 1);
        }

        Assert.InRange(TemperatureScaling.Fit(logits, labels).Temperature, 0.9, 1.1);
    }

    [Fact]
    public void ScaledSoftmaxRowsSumToOneAndKeepTheArgMax()
    {
        float[] z = [3f, -1f, 2.5f];

        foreach (double beta in new[] { 0.1, 1, 10 })
        {
            var p = TemperatureScaling.Softmax([z], beta)[0];
            Assert.Equal(1, p.Sum(), 5);
            Assert.Equal(0, Array.IndexOf(p, p.Max()));
        }
    }
}
