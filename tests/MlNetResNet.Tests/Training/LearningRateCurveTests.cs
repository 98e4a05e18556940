using MlNetResNet.Training;
using MlNetResNet;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Training;

public class LearningRateCurveTests
{
    [Fact]
    public void ConstantStaysAtThePeak()
    {
        var curve = new LearningRateCurve(LearningRateSchedule.Constant, 0.01, totalSteps: 50, warmupSteps: 10);
        Assert.All(Enumerable.Range(0, 50), step => Assert.Equal(0.01, curve.At(step)));
    }

    [Fact]
    public void CosineRisesLinearlyThenDecaysTowardsZero()
    {
        var curve = new LearningRateCurve(LearningRateSchedule.CosineWithWarmup, 1.0, totalSteps: 110, warmupSteps: 10);
        Assert.Equal(0.1, curve.At(0), 12);
        Assert.Equal(0.5, curve.At(4), 12);
        Assert.Equal(1.0, curve.At(9), 12);
        Assert.Equal(1.0, curve.At(10), 12);                                     // decay starts at the peak
        Assert.Equal(0.5, curve.At(60), 12);                                     // half-way: cos(pi/2)
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 99 / 100)), curve.At(109), 12); // last step just above zero
        for (int step = 11; step < 110; step++) Assert.True(curve.At(step) < curve.At(step - 1));
    }

    [Fact]
    public void OneCycleStartsLowPeaksAtThirtyPercentAndEndsFarBelow()
    {
        // OneCycleLR(max_lr=1, total_steps=100): starts at 1/25, peaks at step 29, ends at 1/25/1e4.
        var curve = new LearningRateCurve(LearningRateSchedule.OneCycle, 1.0, totalSteps: 100, warmupSteps: 0);
        Assert.Equal(0.04, curve.At(0), 12);
        Assert.Equal(1.0, curve.At(29), 12);
        Assert.Equal(0.04 / 1e4, curve.At(99), 12);
        for (int step = 1; step <= 29; step++) Assert.True(curve.At(step) > curve.At(step - 1));
        for (int step = 30; step < 100; step++) Assert.True(curve.At(step) < curve.At(step - 1));
    }

    [Fact]
    public void OneCycleEqualsPyTorchOneCycleLRStepByStep()
    {
        const int steps = 37;
        var expected = PythonReference.Run("one_cycle_lr.py", "0.003", steps.ToString())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => double.Parse(line, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        Assert.Equal(steps, expected.Length);
        var curve = new LearningRateCurve(LearningRateSchedule.OneCycle, 0.003, totalSteps: steps, warmupSteps: 0);
        for (int step = 0; step < steps; step++) Assert.Equal(expected[step], curve.At(step), 12);
    }

    [Fact]
    public void RejectsNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateCurve(LearningRateSchedule.Constant, 0, 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateCurve(LearningRateSchedule.Constant, 0.1, 0, 0));
    }
}
