using MlNetResNet.Pipelines.Evaluation;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Tests.Pipelines;

public sealed class TrainingPlanJsonTests
{
    [Fact]
    public void ThePlanObjectCarriesStagesProbeAndCache()
    {
        var plan = new TrainingPlan
        {
            FineTuning = FineTuningMode.TwoStage,
            TimeBudgetSeconds = 90,
            Precision = TrainingPrecision.Float32,
            PrecisionProbe = new PrecisionProbeResult(["avx512_bf16"], 40, 30, TrainingPrecision.Float32, "float32: slower"),
            Stages = [new PlannedStage("features", 64, 200, 1000, 350.5, 31, 6.2), new PlannedStage("unfrozen", 64, 1.4, 140, double.NaN, 2, 50)],
            FeatureCacheHits = 3000,
            FeatureCacheMisses = 12,
        };
        var json = TrainingPlanJson.Create(plan);
        Assert.Equal("TwoStage", (string?)json["fineTuning"]);
        Assert.Equal(90.0, (double?)json["timeBudgetSeconds"]);
        Assert.Equal(3000, (int?)json["featureCache"]!["hits"]);
        Assert.Equal("avx512_bf16", (string?)json["precisionProbe"]!["cpuFlags"]![0]);
        Assert.Equal(140, (long?)json["stages"]![1]!["plannedSteps"]);
        Assert.Null(json["stages"]![1]!["imagesPerSecond"]);
        Assert.Equal(350.5, (double?)json["stages"]![0]!["imagesPerSecond"]);
    }
}
