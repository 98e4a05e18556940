using MlNetResNet.Training.Planning;

namespace MlNetResNet.Tests.Training.FineTuning;

public sealed class BudgetPlannerTests
{
    [Theory]
    [InlineData(60, 10, 2, 100, 8, 20)]
    [InlineData(30, 50, 0.5, 3000, 32, 5)]
    [InlineData(1000, 50, 5, 3000, 32, 5)]
    [InlineData(3, 10, 2, 100, 8, 20)]
    public void PlannedStepsAndTheirValidationsFitTheSeconds(double seconds, double imagesPerSecond, double validationSeconds,
        int images, int batch, int maxEpochs)
    {
        var plan = BudgetPlanner.PlanSteps(seconds, imagesPerSecond, validationSeconds, images, batch, maxEpochs);
        long stepsPerEpoch = (images + batch - 1) / batch;
        long validations = (plan.Steps + stepsPerEpoch - 1) / stepsPerEpoch;
        double cost = plan.Steps * batch / imagesPerSecond + validations * validationSeconds;
        Assert.True(cost <= seconds + 1e-9, $"{plan} costs {cost} s of {seconds}");
        Assert.True(plan.Steps <= stepsPerEpoch * maxEpochs);
        // One more step would not fit (or the epoch limit is reached).
        long more = plan.Steps + 1;
        double moreCost = more * batch / imagesPerSecond + (more + stepsPerEpoch - 1) / stepsPerEpoch * validationSeconds;
        Assert.True(moreCost > seconds || plan.Steps == stepsPerEpoch * maxEpochs, $"{plan} leaves room for another step");
    }

    [Fact]
    public void TheExportReserveGrowsWithTheBudget()
    {
        Assert.Equal(2, BudgetPlanner.ExportReserve(TimeSpan.FromSeconds(10)).TotalSeconds);
        Assert.Equal(24, BudgetPlanner.ExportReserve(TimeSpan.FromMinutes(10)).TotalSeconds, precision: 6);
    }

    [Fact]
    public void ExportIsReservedAtLeastAsLongAsLoadingTook()
    {
        var budget = TimeSpan.FromSeconds(100);
        Assert.Equal(96, BudgetPlanner.TrainingDeadline(budget, TimeSpan.FromSeconds(1)).TotalSeconds, precision: 6);
        Assert.Equal(90, BudgetPlanner.TrainingDeadline(budget, TimeSpan.FromSeconds(10)).TotalSeconds, precision: 6);
    }
}
