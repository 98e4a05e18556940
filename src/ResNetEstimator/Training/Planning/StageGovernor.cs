using TorchSharp.Modules;

namespace MlNetResNet.Training.Planning;

/// <summary>
/// Runs one training stage to plan. Without a deadline it takes the planned steps. With one, it times a few steps
/// after the first (which allocates), plans the steps that fit before the deadline with
/// <see cref="BudgetPlanner.PlanSteps"/> and sizes the learning-rate curve to them; then it keeps timing and re-plans
/// from a running throughput, and refuses a step that would end past the deadline with the validation pass still to
/// come. Batch norm can be held in eval mode (running statistics fixed) for the first steps, so a warm-up does not move
/// statistics the head was trained against.
/// </summary>
internal sealed class StageGovernor : IStageGovernor
{
    private const int TimedSteps = 4;
    // After the first measurement the throughput is measured again over every window of this many steps within an
    // epoch, and the plan redone: a machine whose load changes (or a step that was slow while timed) then still ends
    // its schedule at the deadline instead of stopping early or cutting the curve short.
    private const int ReplanSteps = 8;
    private const int MinimumWindowSteps = 2;

    private readonly ITrainingClock clock;
    private readonly TimeSpan? deadline;
    private readonly LearningRateSchedule schedule;
    private readonly double peakRate;
    private readonly Func<long, long> warmupStepsFor;
    private readonly double frozenNormFraction;
    private readonly int trainImages;
    private readonly int batchSize;
    private readonly int maxEpochs;
    // The timing window: the step after which it opened (-1: none open), the clock then, and the images trained since.
    private long windowStart = -1;
    private TimeSpan windowClock;
    private long windowImages;
    // The step after which the next window opens. The first step of the stage and of each epoch allocate or wait for
    // the data pipeline to fill, so a window opens only once that step is done.
    private long openAfter;
    private bool normsFrozen;
    private LearningRateCurve curve = null!;

    /// <param name="clock">The run's clock.</param>
    /// <param name="deadline">Clock reading by which the stage's last validation must be done; null has none.</param>
    /// <param name="schedule">Shape of the learning-rate curve.</param>
    /// <param name="peakRate">Its peak.</param>
    /// <param name="warmupStepsFor">Warm-up steps for a given number of planned steps.</param>
    /// <param name="frozenNormFraction">Fraction of the planned steps run with batch norm in eval mode.</param>
    /// <param name="trainImages">Training images per epoch.</param>
    /// <param name="batchSize">Images per step.</param>
    /// <param name="maxEpochs">Most epochs the stage may plan.</param>
    /// <param name="estimatedImagesPerSecond">A first guess of the step throughput, for the curve before timing; NaN for none.</param>
    /// <param name="validationSeconds">Expected seconds of one validation pass.</param>
    public StageGovernor(ITrainingClock clock, TimeSpan? deadline, LearningRateSchedule schedule, double peakRate,
        Func<long, long> warmupStepsFor, double frozenNormFraction, int trainImages, int batchSize, int maxEpochs,
        double estimatedImagesPerSecond, double validationSeconds)
    {
        this.clock = clock;
        this.deadline = deadline;
        this.schedule = schedule;
        this.peakRate = peakRate;
        this.warmupStepsFor = warmupStepsFor;
        this.frozenNormFraction = frozenNormFraction;
        this.trainImages = trainImages;
        this.batchSize = batchSize;
        this.maxEpochs = maxEpochs;
        ValidationSeconds = validationSeconds;
        StepsPerEpoch = Math.Max(1, (trainImages + batchSize - 1) / batchSize);
        long planned = StepsPerEpoch * (long)maxEpochs;
        if (deadline is not null && estimatedImagesPerSecond > 0) planned = Math.Max(1, Plan(estimatedImagesPerSecond, 0).Steps);
        Resize(planned);
    }

    public long StepsPerEpoch { get; }

    /// <summary>Steps the curve is sized to (re-planned once the throughput is measured).</summary>
    public long PlannedSteps { get; private set; }

    /// <summary>Steps taken so far.</summary>
    public long StepsTaken { get; private set; }

    /// <summary>Training images per second measured on the timed steps (a running figure); NaN until then.</summary>
    public double MeasuredImagesPerSecond { get; private set; } = double.NaN;

    /// <summary>Times the plan was redone from a measured throughput.</summary>
    public int Replans { get; private set; }

    /// <summary>Expected seconds of one validation pass; the stage updates it after each pass.</summary>
    public double ValidationSeconds { get; set; }

    /// <summary>True once the planned steps are done or the deadline refused a step.</summary>
    public bool Finished { get; private set; }

    public double LearningRate(long step) => curve.At(step);

    public bool BeforeStep(ResNet network, long step)
    {
        if (step >= PlannedSteps || PastDeadline(step))
        {
            Finished = true;
            return false;
        }
        SetNormMode(network, frozen: step < (long)Math.Floor(frozenNormFraction * PlannedSteps));
        return true;
    }

    // Timed between the ends of steps: whole steps, waits for data included. A window closes at the end of an epoch,
    // so it never holds a validation pass.
    public void AfterStep(long step, int images)
    {
        StepsTaken = step + 1;
        bool lastOfEpoch = StepsTaken % StepsPerEpoch == 0;
        if (windowStart >= 0)
        {
            windowImages += images;
            long length = step - windowStart;
            if (length >= (double.IsNaN(MeasuredImagesPerSecond) ? TimedSteps : ReplanSteps) || (lastOfEpoch && length >= MinimumWindowSteps))
            {
                Measure((clock.Elapsed - windowClock).TotalSeconds);
                windowStart = -1;
                openAfter = step;
            }
        }
        if (lastOfEpoch)
        {
            windowStart = -1;
            openAfter = StepsTaken;
        }
        else if (windowStart < 0 && step >= openAfter)
        {
            windowStart = step;
            windowClock = clock.Elapsed;
            windowImages = 0;
        }
    }

    private void Measure(double seconds)
    {
        double measured = windowImages / Math.Max(seconds, 1e-9);
        // Later windows are blended with the running figure, so one slow window moves the plan only half-way.
        MeasuredImagesPerSecond = double.IsNaN(MeasuredImagesPerSecond) ? measured : 0.5 * (MeasuredImagesPerSecond + measured);
        if (deadline is null) return;
        Replans++;
        Resize(Math.Max(StepsTaken, Plan(MeasuredImagesPerSecond, StepsTaken).Steps));
    }

    // Plans the whole stage as if it started now, crediting the steps already taken and the validation passes already
    // run with the time they would cost.
    private StagePlan Plan(double imagesPerSecond, long stepsTaken)
    {
        long validationsRun = stepsTaken > 0 ? (stepsTaken - 1) / StepsPerEpoch : 0;
        double secondsLeft = (deadline!.Value - clock.Elapsed).TotalSeconds + stepsTaken * batchSize / imagesPerSecond
            + validationsRun * ValidationSeconds;
        return BudgetPlanner.PlanSteps(secondsLeft, imagesPerSecond, ValidationSeconds, trainImages, batchSize, maxEpochs);
    }

    private bool PastDeadline(long step)
    {
        if (deadline is not { } end) return false;
        double stepSeconds = double.IsNaN(MeasuredImagesPerSecond) ? 0 : batchSize / MeasuredImagesPerSecond;
        // The first step always runs: a stage that was given time does at least one step.
        return step > 0 && clock.Elapsed.TotalSeconds + stepSeconds + ValidationSeconds > end.TotalSeconds;
    }

    private void Resize(long plannedSteps)
    {
        PlannedSteps = Math.Max(1, Math.Min(plannedSteps, StepsPerEpoch * (long)maxEpochs));
        curve = new LearningRateCurve(schedule, peakRate, PlannedSteps, warmupStepsFor(PlannedSteps));
    }

    private void SetNormMode(ResNet network, bool frozen)
    {
        if (frozen == normsFrozen && !frozen) return;
        // The pass puts the whole network in training mode at each epoch start; frozen norms are set again per step.
        foreach (var norm in network.modules().OfType<BatchNorm2d>())
        {
            if (frozen) norm.eval();
            else norm.train();
        }
        normsFrozen = frozen;
    }
}
