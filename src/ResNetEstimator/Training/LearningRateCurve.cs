using MlNetResNet.Models;

namespace MlNetResNet.Training;

/// <summary>The learning rate of every optimisation step, computed from the step number alone (so resuming mid-run gives the same curve).</summary>
internal sealed class LearningRateCurve
{
    // torch.optim.lr_scheduler.OneCycleLR defaults: start at peak/25, end at start/1e4, rise over 30% of the steps.
    private const double OneCycleRiseFraction = 0.3;
    private const double OneCycleStartDivisor = 25.0;
    private const double OneCycleFinalDivisor = 1e4;

    public LearningRateCurve(LearningRateSchedule schedule, double peak, long totalSteps, long warmupSteps)
    {
        if (!(peak > 0)) throw new ArgumentOutOfRangeException(nameof(peak), peak, "The learning rate must be positive.");
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "Training needs at least one step.");
        if (warmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "Warm-up cannot be negative.");
        Schedule = schedule;
        Peak = peak;
        TotalSteps = totalSteps;
        WarmupSteps = Math.Min(warmupSteps, totalSteps);
    }

    public LearningRateSchedule Schedule { get; }

    public double Peak { get; }

    public long TotalSteps { get; }

    public long WarmupSteps { get; }

    /// <summary>Learning rate of zero-based step <paramref name="step"/>.</summary>
    public double At(long step)
    {
        step = Math.Clamp(step, 0, TotalSteps - 1);
        return Schedule switch
        {
            LearningRateSchedule.Constant => Peak,
            LearningRateSchedule.CosineWithWarmup => CosineWithWarmup(step),
            LearningRateSchedule.OneCycle => OneCycle(step),
            _ => throw UnknownEnumValue.Error(nameof(LearningRateSchedule), Schedule),
        };
    }

    // Linear rise to the peak over the warm-up steps (first step already above zero), then half a cosine towards zero
    // (the last step stays just above it).
    private double CosineWithWarmup(long step)
    {
        if (step < WarmupSteps) return Peak * (step + 1) / WarmupSteps;
        double progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return Peak * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }

    // As PyTorch's OneCycleLR (cos annealing): cosine up from peak/25 to the peak, then cosine down to peak/25/1e4.
    private double OneCycle(long step)
    {
        double start = Peak / OneCycleStartDivisor;
        double end = start / OneCycleFinalDivisor;
        double riseEnd = OneCycleRiseFraction * TotalSteps - 1;
        double last = TotalSteps - 1;
        if (riseEnd <= 0 || last <= 0) return Peak;
        if (step <= riseEnd) return CosineBetween(start, Peak, step / riseEnd);
        return CosineBetween(Peak, end, (step - riseEnd) / (last - riseEnd));
    }

    private static double CosineBetween(double from, double to, double fraction) =>
        to + (from - to) / 2.0 * (Math.Cos(Math.PI * fraction) + 1);
}
