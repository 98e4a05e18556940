using System.Text.Json.Nodes;

namespace MlNetResNet.Pipelines.Evaluation;

/// <summary>
/// The <c>plan</c> object of the metrics JSON: <c>fineTuning</c>, <c>timeBudgetSeconds</c>, <c>precision</c>,
/// <c>precisionProbe</c> (<c>cpuFlags</c>, <c>float32ImagesPerSecond</c>, <c>bf16ImagesPerSecond</c>, <c>chosen</c>,
/// <c>reason</c>; null when the precision was given), <c>featureCache</c> (<c>hits</c>, <c>misses</c>, <c>corrupt</c>) and
/// <c>stages</c> (each <c>name</c>, <c>imageSize</c>, <c>plannedEpochs</c>, <c>plannedSteps</c>, <c>imagesPerSecond</c>,
/// <c>epochsRun</c>, <c>seconds</c>, <c>featureSeconds</c>).
/// </summary>
public static class TrainingPlanJson
{
    /// <summary>The plan as a JSON object; non-finite numbers become null.</summary>
    public static JsonObject Create(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var stages = new JsonArray();
        foreach (var stage in plan.Stages)
        {
            stages.Add(new JsonObject
            {
                ["name"] = stage.Name,
                ["imageSize"] = stage.ImageSize,
                ["plannedEpochs"] = Number(stage.PlannedEpochs),
                ["plannedSteps"] = stage.PlannedSteps,
                ["imagesPerSecond"] = Number(stage.ImagesPerSecond),
                ["epochsRun"] = stage.EpochsRun,
                ["seconds"] = Number(stage.Seconds),
                ["featureSeconds"] = Number(stage.FeatureSeconds),
            });
        }
        var probe = plan.PrecisionProbe is not { } p ? null : new JsonObject
        {
            ["cpuFlags"] = new JsonArray(p.CpuFlags.Select(flag => (JsonNode?)JsonValue.Create(flag)).ToArray()),
            ["float32ImagesPerSecond"] = Number(p.Float32ImagesPerSecond),
            ["bf16ImagesPerSecond"] = Number(p.BFloat16ImagesPerSecond),
            ["chosen"] = p.Chosen.ToString(),
            ["reason"] = p.Reason,
        };
        return new JsonObject
        {
            ["fineTuning"] = plan.FineTuning.ToString(),
            ["timeBudgetSeconds"] = plan.TimeBudgetSeconds is double budget ? Number(budget) : null,
            ["precision"] = plan.Precision.ToString(),
            ["precisionProbe"] = probe,
            ["featureCache"] = new JsonObject
            {
                ["hits"] = plan.FeatureCacheHits,
                ["misses"] = plan.FeatureCacheMisses,
                ["corrupt"] = plan.FeatureCacheCorrupt,
            },
            ["stages"] = stages,
        };
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
