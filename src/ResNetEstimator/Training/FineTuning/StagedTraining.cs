using TorchSharp;
using MlNetResNet.Training.FeatureCache;
using MlNetResNet.Training.Format;
using MlNetResNet.Training.Planning;
using static TorchSharp.torch;

namespace MlNetResNet.Training.FineTuning;

/// <summary>
/// The planned runs: <see cref="FineTuningMode.HeadOnly"/>, <see cref="FineTuningMode.TwoStage"/>, and
/// <see cref="FineTuningMode.Full"/> under a <see cref="ResNetClassifierOptions.TimeBudget"/>. Stage 1 trains the head on
/// cached features; the training stage (stage 2, or the whole of Full) runs epochs through a
/// <see cref="TrainingSession"/> steered by a <see cref="StageGovernor"/>. Every stage's result competes for "best",
/// so stage 2 can never leave the model worse than stage 1 found it. Checkpoints and resume belong to the unplanned
/// Full run and are not written here.
/// </summary>
internal sealed class StagedTraining
{
    // Stage 2 of TwoStage: linear warm-up over the first 10% of its steps, then cosine decay.
    private const double UnfrozenWarmupFraction = 0.1;

    // Batch-norm running statistics stay as stage 1 saw them for the whole of stage 2 (the affine weights still train).
    // The head was fitted to features computed with those statistics; in training mode each batch normalises with its
    // own statistics and the running ones drift, so every feature moves under the head at once. That drift is what cost
    // 8-18 points in one naive unfrozen epoch of the prototype, and a stage planned into a third of the seed recipe's
    // time is one or two epochs long: too short to re-learn the head after it.
    private const double UnfrozenHeldNormFraction = 1.0;

    // Part of the budget kept for head training when the backbone runs out of time (the head takes seconds).
    private const double HeadTimeFraction = 0.05;

    private readonly ResNetClassifierOptions options;
    private readonly ITrainingClock clock;
    private readonly int workers;
    private readonly PrecisionProbeResult? probe;
    private readonly List<EpochMetrics> history = new();
    private readonly List<PlannedStage> stages = new();
    // Best-epoch bookkeeping, kept by the same rule as the unplanned Full run.
    private readonly ProgressState selection = new();
    private bool cancelled;

    public StagedTraining(ResNetClassifierOptions options, ITrainingClock clock, int workers, PrecisionProbeResult? probe)
    {
        this.options = options;
        this.clock = clock;
        this.workers = workers;
        this.probe = probe;
    }

    /// <summary>Clock reading by which training must be done; null without a budget.</summary>
    private TimeSpan? Deadline { get; set; }

    public TrainingResult Run(ResNet network, Device device, StepFormat format, IImageSampleSource train,
        IImageSampleSource validation, int seed)
    {
        var token = options.CancellationToken;
        if (options.TimeBudget is { } budget) Deadline = BudgetPlanner.TrainingDeadline(budget, clock.Elapsed);
        using var best = new WeightsSnapshot();
        var trainSkipped = new SkippedImageLog("training");
        var validationSkipped = new SkippedImageLog("validation");
        var skippedLines = new List<string>();
        double featureImagesPerSecond = double.NaN;
        FeatureCacheStore? store = null;

        if (options.FineTuning != FineTuningMode.Full)
        {
            store = options.FeatureCacheDirectory is { } directory ? new FeatureCacheStore(directory, options.FeatureCacheMaxBytes) : null;
            featureImagesPerSecond = RunHeadStage(network, device, train, validation, store, trainSkipped, validationSkipped, token);
            if (!cancelled) best.Capture(network);
            skippedLines.AddRange(trainSkipped.Describe().Concat(validationSkipped.Describe()));
        }
        // Stage 1 may have used the whole budget (a slow backbone at a large crop): then there is no time for a step.
        bool timeLeft = Deadline is not { } end || clock.Elapsed < end;
        if (options.FineTuning != FineTuningMode.HeadOnly && !cancelled && timeLeft)
        {
            var sessionSkipped = RunTrainingStage(network, device, format, train, validation, seed, best, featureImagesPerSecond, token);
            skippedLines.AddRange(sessionSkipped.Where(line => !skippedLines.Contains(line)));
        }

        int returned = history.Count == 0 ? 0 : history[^1].Epoch;
        if ((options.KeepBestEpoch || cancelled) && !best.IsEmpty)
        {
            best.Restore(network);
            returned = selection.BestEpoch;
        }
        ChannelsLast.RestoreContiguous(network);
        network.eval();
        return new TrainingResult(network, history, returned, skippedLines, cancelled)
        {
            Plan = new TrainingPlan
            {
                FineTuning = options.FineTuning,
                TimeBudgetSeconds = options.TimeBudget?.TotalSeconds,
                Precision = format.TrainingComputeType == ScalarType.BFloat16 ? TrainingPrecision.BFloat16Mixed : TrainingPrecision.Float32,
                PrecisionProbe = probe,
                Stages = stages.ToList(),
                FeatureCacheHits = store?.Hits ?? 0,
                FeatureCacheMisses = store?.Misses ?? 0,
                FeatureCacheCorrupt = store?.Corrupt ?? 0,
            },
        };
    }

    // Stage 1: features once per image (or from the cache), then the head alone. Returns the backbone's images/s.
    private double RunHeadStage(ResNet network, Device device, IImageSampleSource train, IImageSampleSource validation,
        FeatureCacheStore? store, SkippedImageLog trainSkipped, SkippedImageLog validationSkipped, CancellationToken token)
    {
        var started = clock.Elapsed;
        var extractor = new FeatureExtractor(network, device, options, store, workers);
        FeatureSet trainFeatures, validationFeatures;
        // Under a budget the backbone stops at the deadline less a margin for the head; the head then trains on the
        // images that were reached. Validation goes first, so accuracy is measured on the whole validation set if at all.
        var featureDeadline = Deadline - (options.TimeBudget * HeadTimeFraction);
        bool OutOfTime() => featureDeadline is { } end && clock.Elapsed >= end;
        try
        {
            validationFeatures = extractor.Extract(validation, validationSkipped, views: 0, OutOfTime, token);
            trainFeatures = extractor.Extract(train, trainSkipped, options.FeatureViews, OutOfTime, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            cancelled = true;
            return double.NaN;
        }
        double featureSeconds = (clock.Elapsed - started).TotalSeconds;
        double imagesPerSecond = extractor.ComputedImages > 0 ? extractor.ComputedImages / extractor.ComputeSeconds : double.NaN;
        var settings = HeadSettings.For(options);
        var head = HeadTraining.Train(network.Head!, trainFeatures, validationFeatures, settings, device,
            outOfTime: () => Deadline is { } end && clock.Elapsed >= end, token);
        double seconds = (clock.Elapsed - started).TotalSeconds;
        Record(new EpochMetrics(1, head.TrainLoss, head.ValidationLoss, head.ValidationAccuracy, settings.LearningRate, seconds,
            imagesPerSecond, trainSkipped.Count + validationSkipped.Count), validationFeatures.Rows > 0);
        long stepsPerHeadEpoch = (trainFeatures.Rows + settings.BatchSize - 1) / settings.BatchSize;
        stages.Add(new PlannedStage("features", options.ImageSize, settings.MaxEpochs, settings.MaxEpochs * stepsPerHeadEpoch,
            imagesPerSecond, head.EpochsRun, seconds, featureSeconds));
        cancelled = token.IsCancellationRequested;
        return imagesPerSecond;
    }

    // Stage 2 of TwoStage (unfrozen, layer-wise rates, warm-up with held batch norm, cosine) or the whole of Full.
    private IEnumerable<string> RunTrainingStage(ResNet network, Device device, StepFormat format, IImageSampleSource train,
        IImageSampleSource validation, int seed, WeightsSnapshot best, double featureImagesPerSecond, CancellationToken token)
    {
        var started = clock.Elapsed;
        bool unfrozen = options.FineTuning == FineTuningMode.TwoStage;
        Func<ResNet, TrainingOptimizer>? optimizer = unfrozen
            ? net => TrainingOptimizer.CreateLayered(options.Optimizer, LayerRates.For(net), options.LearningRate,
                options.WeightDecay, options.Momentum)
            : null;
        using var session = new TrainingSession(options, format, network, device, train, validation, seed, workers, optimizer);
        // A forward pass is about a third of a training step; the backbone's measured speed is the better guess.
        double estimatedValidation = validation.Count / (featureImagesPerSecond > 0 ? featureImagesPerSecond : 30.0);
        var governor = new StageGovernor(clock, Deadline,
            unfrozen ? LearningRateSchedule.CosineWithWarmup : options.LearningRateSchedule, options.LearningRate,
            unfrozen
                ? steps => Math.Max(1, (long)Math.Round(UnfrozenWarmupFraction * steps))
                : _ => (long)Math.Round(options.WarmupEpochs * session.StepsPerEpoch),
            frozenNormFraction: unfrozen ? UnfrozenHeldNormFraction : 0, train.Count, options.BatchSize, options.Epochs,
            estimatedImagesPerSecond: featureImagesPerSecond / 3, validationSeconds: estimatedValidation);
        session.Governor = governor;

        int offset = history.Count, epochsRun = 0;
        double lastImagesPerSecond = double.NaN;
        for (int epoch = 1; epoch <= options.Epochs && !governor.Finished; epoch++)
        {
            var trained = session.TrainEpoch(epoch, token);
            if (trained.Images == 0 && trained.Completed) break;
            var validated = trained.Completed ? session.Validate(token) : trained;
            if (!validated.Completed)
            {
                cancelled = true;
                break;
            }
            epochsRun = epoch;
            lastImagesPerSecond = trained.Images / Math.Max(trained.Seconds, 1e-9);
            if (validated.Images > 0) governor.ValidationSeconds = validated.Seconds;
            var metrics = new EpochMetrics(offset + epoch, trained.MeanLoss, validated.MeanLoss, validated.Accuracy,
                trained.LastLearningRate, trained.Seconds + validated.Seconds, lastImagesPerSecond,
                session.TrainSkipped.Count + session.ValidationSkipped.Count);
            if (Record(metrics, validated.Images > 0)) best.Capture(network);
            if (token.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
        }
        stages.Add(new PlannedStage(unfrozen ? "unfrozen" : "full", options.ImageSize,
            (double)governor.PlannedSteps / governor.StepsPerEpoch, governor.PlannedSteps,
            double.IsNaN(governor.MeasuredImagesPerSecond) ? lastImagesPerSecond : governor.MeasuredImagesPerSecond,
            epochsRun, (clock.Elapsed - started).TotalSeconds));
        return session.TrainSkipped.Describe().Concat(session.ValidationSkipped.Describe()).ToList();
    }

    // Best = highest validation accuracy, ties to the lower loss; without validation, the latest.
    private bool Record(EpochMetrics metrics, bool hasValidation)
    {
        history.Add(metrics);
        options.MetricsCallback?.Invoke(metrics);
        return ResNetTrainer.RecordBest(selection, metrics, hasValidation, onMacro: false);
    }
}
