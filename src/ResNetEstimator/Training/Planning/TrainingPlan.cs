namespace MlNetResNet;

/// <summary>
/// How a training run was laid out: the fine-tuning mode, the time budget, the precision (and the probe behind an
/// automatic choice), each stage with its planned epochs and measured throughput, and the feature cache's use.
/// </summary>
public sealed record TrainingPlan
{
    /// <summary>The fine-tuning mode that ran.</summary>
    public required FineTuningMode FineTuning { get; init; }

    /// <summary>The time budget in seconds; null without one.</summary>
    public double? TimeBudgetSeconds { get; init; }

    /// <summary>Precision of the training steps.</summary>
    public required TrainingPrecision Precision { get; init; }

    /// <summary>The probe of <see cref="TrainingPrecision.Auto"/>; null when the precision was given.</summary>
    public PrecisionProbeResult? PrecisionProbe { get; init; }

    /// <summary>The stages in the order they ran.</summary>
    public required IReadOnlyList<PlannedStage> Stages { get; init; }

    /// <summary>Feature-cache entries found (backbone skipped) and computed; both 0 without a cache.</summary>
    public int FeatureCacheHits { get; init; }

    /// <summary>Feature-cache entries computed because they were missing, damaged or stale.</summary>
    public int FeatureCacheMisses { get; init; }

    /// <summary>Damaged entries that were found, deleted and recomputed.</summary>
    public int FeatureCacheCorrupt { get; init; }

    /// <summary>One line per stage, for logs.</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"fine-tuning {FineTuning}", $"precision {Precision}" };
        if (TimeBudgetSeconds is double budget) parts.Add($"budget {budget:0.#} s");
        if (PrecisionProbe is { } probe) parts.Add($"precision probe: {probe.Reason}");
        if (FeatureCacheHits + FeatureCacheMisses > 0) parts.Add($"feature cache {FeatureCacheHits} hits / {FeatureCacheMisses} computed");
        foreach (var stage in Stages)
            parts.Add($"{stage.Name}: {stage.PlannedEpochs:0.##} epochs ({stage.PlannedSteps} steps) at {stage.ImageSize} px, " +
                      $"{stage.ImagesPerSecond:0.#} img/s, ran {stage.EpochsRun} in {stage.Seconds:0.#} s" +
                      (double.IsNaN(stage.FeatureSeconds) ? "" : $" ({stage.FeatureSeconds:0.##} s of it getting features)"));
        return string.Join("; ", parts);
    }
}
