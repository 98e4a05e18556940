using System.Text.Json;
using MlNetResNet;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Tests.Imbalance;

public sealed class ClassBalanceTests
{
    [Fact]
    public void BalancedWeightsAreScikitLearnsInverseFrequency()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=[0, 1], y=[0, 0, 0, 1]) = [0.6667, 2.0].
        var weights = ClassBalance.BalancedWeights(ClassBalance.Counts([0, 0, 0, 1], 2));

        Assert.Equal(4.0 / 6, weights[0], 12);
        Assert.Equal(2.0, weights[1], 12);
    }

    [Fact]
    public void AClassWithoutImagesWeighsNothingAndDoesNotCountAsPresent()
    {
        var weights = ClassBalance.BalancedWeights([2, 0, 2]);

        Assert.Equal([1.0, 0.0, 1.0], weights);
    }

    [Theory]
    [InlineData(new[] { 20, 10 }, true)]
    [InlineData(new[] { 30, 20, 25 }, false)]
    [InlineData(new[] { 50, 0, 5 }, true)]
    [InlineData(new[] { 7, 0, 0 }, false)]
    public void ASetIsUnbalancedFromTwoToOneBetweenItsLargestAndSmallestPresentClass(int[] counts, bool unbalanced) =>
        Assert.Equal(unbalanced, ClassBalance.IsUnbalanced(counts));

    [Fact]
    public void MacroAccuracyAveragesRecallOverThePresentClassesOnly()
    {
        Assert.Equal((1.0 + 0.25) / 2, ClassBalance.MacroAccuracy([10, 0, 1], [10, 0, 4]), 12);
    }

    [Fact]
    public void TheEvaluationReportFlagsClassesWithFewerThanTenImages()
    {
        var rows = Enumerable.Range(0, 10).Select(_ => new ScoredExample(0, [0.9f, 0.1f]))
            .Concat(Enumerable.Range(0, 9).Select(_ => new ScoredExample(1, [0.2f, 0.8f])))
            .ToList();

        var report = EvaluationReport.Compute(["many", "few"], rows);
        var perClass = JsonDocument.Parse(MetricsDocument.Create(report, 1, [], null).ToJsonString()).RootElement.GetProperty("perClass");

        Assert.Equal(["few"], report.LowSupportClasses);
        Assert.False(perClass.GetProperty("many").GetProperty("lowSupport").GetBoolean());
        Assert.True(perClass.GetProperty("few").GetProperty("lowSupport").GetBoolean());
    }
}
