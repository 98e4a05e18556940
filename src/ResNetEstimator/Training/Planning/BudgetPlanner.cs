namespace MlNetResNet.Training.Planning;

/// <summary>
/// Sizes stages to a time budget from measured throughput. Pure arithmetic: the trainer feeds it what its clock
/// measured, so a test can feed it a fake clock's figures.
/// </summary>
internal static class BudgetPlanner
{
    // Kept free at the end for the ONNX export and the ML.NET scoring chain: ~1-2 s for ResNet-18 on two cores.
    private static readonly TimeSpan MinimumExportReserve = TimeSpan.FromSeconds(2);
    private const double ExportReserveFraction = 0.04;

    /// <summary>Time held back from training for what Fit does after it.</summary>
    public static TimeSpan ExportReserve(TimeSpan budget) =>
        TimeSpan.FromSeconds(Math.Max(MinimumExportReserve.TotalSeconds, budget.TotalSeconds * ExportReserveFraction));

    /// <summary>
    /// The clock reading by which training must end: the budget less the time held back for export. Export (ONNX
    /// writing, the ML.NET chain's ONNX Runtime session) costs about what loading did before training began (reading
    /// rows, building the network, importing weights), so the reserve is at least that long.
    /// </summary>
    public static TimeSpan TrainingDeadline(TimeSpan budget, TimeSpan elapsedBeforeTraining)
    {
        var reserve = ExportReserve(budget);
        return budget - (elapsedBeforeTraining > reserve ? elapsedBeforeTraining : reserve);
    }

    /// <summary>
    /// The most steps (up to <paramref name="maxEpochs"/> epochs) that fit in <paramref name="seconds"/> when every step
    /// costs <c>batchSize / imagesPerSecond</c> and a validation pass of <paramref name="validationSeconds"/> runs after
    /// each completed epoch and after the last step. Zero when not even one step fits.
    /// </summary>
    public static StagePlan PlanSteps(double seconds, double imagesPerSecond, double validationSeconds, int trainImages,
        int batchSize, int maxEpochs)
    {
        if (!(imagesPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(imagesPerSecond), imagesPerSecond, "Throughput must be positive.");
        long stepsPerEpoch = Math.Max(1, (trainImages + batchSize - 1) / batchSize);
        double secondsPerStep = batchSize / imagesPerSecond;
        long best = 0;
        int bestValidations = 0;
        for (int validations = 1; validations <= maxEpochs; validations++)
        {
            double left = seconds - validations * Math.Max(0, validationSeconds);
            if (left <= 0) break;
            long steps = Math.Min((long)Math.Floor(left / secondsPerStep), validations * stepsPerEpoch);
            // This many validations are only needed when the steps reach into the last epoch counted.
            if (steps <= (validations - 1) * stepsPerEpoch) break;
            best = steps;
            bestValidations = validations;
        }
        return new StagePlan(best, (double)best / stepsPerEpoch, bestValidations);
    }
}
