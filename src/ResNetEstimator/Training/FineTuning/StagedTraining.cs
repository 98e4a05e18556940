using TorchSharp;
using MlNetResNet.Training.Calibration;
using MlNetResNet.Training.FeatureCache;
using MlNetResNet.Training.Format;
using MlNetResNet.Training.Planning;
using static TorchSharp.torch;

namespace MlNetResNet.Training.FineTuning;

/// <summary>
/// The planned runs: <see cref="FineTuningMode.HeadOnly"/>, <see cref="FineTuningMode.TwoStage"/>, and
/// <see cref="FineTuningMode.Full"/> under a <see cref="ResNetTrainerOptions.TimeBudget"/>. Stage 1 trains the head on
/// cached features; the training stage (stage 2, or the whole of Full) runs epochs through a
/// <see cref="TrainingSession"/> steered by a <see cref="StageGovernor"/>. Every stage's result competes for "best",
/// so stage 2 can never leave the model worse than stage 1 found it. Checkpoints and resume belong to the unplanned
/// Full run and are not written here.
/// </summary>
internal sealed class StagedTraining
{
    // Stage 2 of TwoStage: linear warm-up over the first 10% of its steps, then cosine decay.
    private const double UnfrozenWarmupFraction = 0.1;

    /// <summary>
    /// Stage 2's peak rate (that of <c>fc</c>; the layers get 0.16-0.63 of it) as a multiple of
    /// <see cref="ResNetTrainerOptions.LearningRate"/>. Measured on the harder flower set with look-alike pairs (64 px,
    /// seed 1, a budget of 30 s): 3x 85.7%, 5x 86.7%, 10x 85.3%, 20x 84.0% at batch 32; at batch 64, 5x 90.7% and 10x
    /// 89.3%. A stage of one or two epochs needs a higher peak than the seed's constant rate; warm-up and cosine make it safe.
    /// </summary>
    internal const double UnfrozenPeakMultiplier = 5;

    // Stages unfrozen in stage 2 unless TrainableStages says otherwise: layer1-layer4 (and fc); the stem stays as
    // ImageNet trained it. On the look-alike set (shapes that differ in petal count, disc size, an open cup) the whole
    // network learned far more per second than layer4 alone: in a 30 s budget 85.3% against 83.7% at batch 32, and
    // layer4 alone for five epochs without a budget stopped at 90.0%. Freezing layer1 too saved no time (173.7 against
    // 186.7 img/s at 5x) and lost 3.7 points (83.0% against 86.7%). On the earlier tone-pair set layer4 alone had
    // measured better; docs/BENCHMARKS.md has both tables.
    private const int UnfrozenTrainableStages = 4;

    // Stage 2's smallest batch: a smaller BatchSize is raised to it (memory then holds the activations of 64 images),
    // a larger one is kept. On two CPU cores a step of 64 images at 64 px ran 236-245 img/s against 174-187 for 32 (the
    // optimizer's pass over every weight is paid once per step), and in the same 30 s budget reached 90.7% against
    // 86.7%; 128 ran 270 img/s but took too few steps (87.7%).
    private const int UnfrozenMinimumBatch = 64;

    // Batch-norm running statistics stay as stage 1 saw them for the whole of stage 2 (the affine weights still train).
    // The head was fitted to features computed with those statistics; in training mode each batch normalises with its
    // own statistics and the running ones drift, so every feature moves under the head at once. Measured: letting them
    // move after the warm-up lost 7-17 points in one epoch (55.3% at 10x, 45.3% at 3x, against 63.7% held), and in
    // layer4 alone 64.3% against 69.3% held over two epochs. Re-estimating them on this data before stage 1 cut the
    // head's accuracy from 62.7% to 48.3%.
    private const double UnfrozenHeldNormFraction = 1.0;

    /// <summary>
    /// Smallest RandomResizedCrop area of stage 2 when the options keep the seed's (0.08, 1): a stage of two or three
    /// epochs learns more from crops near what validation shows than from the seed's wide range, which pays off over
    /// longer training. Measured on the look-alike set (64 px, bf16-mixed, a 29 s budget, mean best accuracy of seeds 1-3):
    /// 0.08 91.8%, 0.25 91.8%, 0.35 93.1%, 0.5 93.4%, 0.7 93.8%, 1.0 92.6%; over seeds 4-6, 0.08 92.2%, 0.5 93.8%,
    /// 0.7 92.7%. Seed to seed the same setting moves 1-4 points, so 0.5 is the best of six seeds, not a sharp optimum.
    /// </summary>
    internal const double UnfrozenCropScaleMin = 0.5;

    // Part of the budget kept for head training when the backbone runs out of time (the head takes seconds).
    private const double HeadTimeFraction = 0.05;

    private readonly ResNetTrainerOptions options;
    private readonly ITrainingClock clock;
    private readonly int workers;
    private readonly PrecisionProbeResult? probe;
    private readonly List<EpochMetrics> history = new();
    private readonly List<PlannedStage> stages = new();
    // Best-epoch bookkeeping, kept by the same rule as the unplanned Full run.
    private readonly ProgressState selection = new();
    private bool cancelled;
    // Set by Run from the validation labels, as the unplanned Full run decides it.
    private bool selectOnMacro;
    // The validation logits of the best and of the latest epoch, kept when a temperature is to be fitted: the returned
    // weights' own logits, so calibration needs no pass of its own.
    private LabelledLogits? bestLogits, lastLogits;

    /// <summary>Anything but the seed recipe without a budget runs here, in planned stages.</summary>
    public static bool Handles(ResNetTrainerOptions options) =>
        options.FineTuning != FineTuningMode.Full || options.TimeBudget is not null;

    public StagedTraining(ResNetTrainerOptions options, ITrainingClock clock, int workers, PrecisionProbeResult? probe)
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
        selectOnMacro = ResNetTrainer.SelectsOnMacroAccuracy(validation, network.NumClasses);
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
        var returnedLogits = (options.KeepBestEpoch || cancelled) && !best.IsEmpty ? bestLogits : lastLogits;
        var calibration = !cancelled && returnedLogits is { Count: > 0 } ? TemperatureScaling.Fit(returnedLogits.Logits, returnedLogits.Labels) : null;
        ChannelsLast.RestoreContiguous(network);
        network.eval();
        return new TrainingResult(network, history, returned, skippedLines, cancelled, calibration)
        {
            SelectedOnMacroAccuracy = selectOnMacro,
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
        var settings = HeadSettings.For(options) with { SelectOnMacroAccuracy = selectOnMacro };
        var head = HeadTraining.Train(network.Head!, trainFeatures, validationFeatures, settings, device,
            outOfTime: () => Deadline is { } end && clock.Elapsed >= end, token);
        double seconds = (clock.Elapsed - started).TotalSeconds;
        Record(new EpochMetrics(1, head.TrainLoss, head.ValidationLoss, head.ValidationAccuracy, settings.LearningRate, seconds,
            imagesPerSecond, trainSkipped.Count + validationSkipped.Count) { ValidationMacroAccuracy = head.ValidationMacroAccuracy },
            validationFeatures.Rows > 0, HeadLogits(network.Head!, validationFeatures, device));
        long stepsPerHeadEpoch = (trainFeatures.Rows + settings.BatchSize - 1) / settings.BatchSize;
        stages.Add(new PlannedStage("features", options.ImageSize, settings.MaxEpochs, settings.MaxEpochs * stepsPerHeadEpoch,
            imagesPerSecond, head.EpochsRun, seconds, featureSeconds));
        cancelled = token.IsCancellationRequested;
        return imagesPerSecond;
    }

    // Stage 2 of TwoStage (layer4 unfrozen, layer-wise rates, held batch norm, warm-up, cosine) or the whole of Full.
    private IEnumerable<string> RunTrainingStage(ResNet network, Device device, StepFormat format, IImageSampleSource train,
        IImageSampleSource validation, int seed, WeightsSnapshot best, double featureImagesPerSecond, CancellationToken token)
    {
        var started = clock.Elapsed;
        bool unfrozen = options.FineTuning == FineTuningMode.TwoStage;
        double peak = unfrozen ? options.LearningRate * UnfrozenPeakMultiplier : options.LearningRate;
        var stageOptions = options;
        if (unfrozen)
        {
            stageOptions = options.Copy();
            stageOptions.TrainableStages ??= UnfrozenTrainableStages;
            stageOptions.BatchSize = Math.Max(options.BatchSize, UnfrozenMinimumBatch);
            stageOptions.RandomCropScale = UnfrozenCropScale(options.RandomCropScale);
        }
        Func<ResNet, TrainingOptimizer>? optimizer = unfrozen
            ? net => TrainingOptimizer.CreateLayered(options.Optimizer, LayerRates.For(net), peak, options.WeightDecay, options.Momentum)
            : null;
        using var session = new TrainingSession(stageOptions, format, network, device, train, validation, seed, workers, optimizer);
        // A forward pass is about a third of a training step; the backbone's measured speed is the better guess.
        double estimatedValidation = validation.Count / (featureImagesPerSecond > 0 ? featureImagesPerSecond : 30.0);
        var governor = new StageGovernor(clock, Deadline,
            unfrozen ? LearningRateSchedule.CosineWithWarmup : options.LearningRateSchedule, peak,
            unfrozen
                ? steps => Math.Max(1, (long)Math.Round(UnfrozenWarmupFraction * steps))
                : _ => (long)Math.Round(options.WarmupEpochs * session.StepsPerEpoch),
            frozenNormFraction: unfrozen ? UnfrozenHeldNormFraction : 0, train.Count, stageOptions.BatchSize, options.Epochs,
            estimatedImagesPerSecond: featureImagesPerSecond / 3, validationSeconds: estimatedValidation);
        session.Governor = governor;

        int offset = history.Count, epochsRun = 0;
        double lastImagesPerSecond = double.NaN;
        for (int epoch = 1; epoch <= options.Epochs && !governor.Finished; epoch++)
        {
            var trained = session.TrainEpoch(epoch, token);
            if (trained.Images == 0 && trained.Completed) break;
            var logits = options.Calibration == ProbabilityCalibration.None ? null : new LabelledLogits();
            var validated = trained.Completed ? session.Validate(token, logits) : trained;
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
                session.TrainSkipped.Count + session.ValidationSkipped.Count)
            {
                ValidationMacroAccuracy = validated.MacroAccuracy,
            };
            if (Record(metrics, validated.Images > 0, logits)) best.Capture(network);
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

    /// <summary>Stage 2's RandomResizedCrop area range: the user's own range, or the narrower stage-2 one in place of the seed's.</summary>
    internal static (double Min, double Max) UnfrozenCropScale((double Min, double Max) configured) =>
        configured == ResNetClassifierEstimator.Defaults.RandomCropScale ? (UnfrozenCropScaleMin, configured.Max) : configured;

    // Best = highest validation accuracy (macro on an unbalanced validation set), ties to the lower loss; without
    // validation, the latest.
    private bool Record(EpochMetrics metrics, bool hasValidation, LabelledLogits? logits)
    {
        history.Add(metrics);
        options.MetricsCallback?.Invoke(metrics);
        lastLogits = logits;
        if (!ResNetTrainer.RecordBest(selection, metrics, hasValidation, selectOnMacro)) return false;
        bestLogits = logits;
        return true;
    }

    // The fitted head's logits on the validation features: what the saved model computes before its softmax (the
    // features are float32 eval-mode outputs of the same backbone). Null when no temperature is asked for.
    private LabelledLogits? HeadLogits(TorchSharp.Modules.Linear head, FeatureSet validationFeatures, Device device)
    {
        if (options.Calibration == ProbabilityCalibration.None || validationFeatures.Rows == 0) return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        head.eval();
        var logits = new LabelledLogits();
        logits.Add(head.forward(validationFeatures.FeaturesOn(device)), validationFeatures.LabelsOn(device));
        return logits;
    }
}
