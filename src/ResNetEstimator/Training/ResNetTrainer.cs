using TorchSharp;
using MlNetResNet.Imaging;
using MlNetResNet.Training;
using MlNetResNet.Training.Calibration;
using MlNetResNet.Training.FineTuning;
using MlNetResNet.Training.Format;
using MlNetResNet.Training.Planning;
using MlNetResNet.Training.Recipe;
using static TorchSharp.torch;

namespace MlNetResNet;

/// <summary>
/// Fine-tunes a ResNet on labelled images: new <c>fc</c> for the task's classes, optional pretrained backbone,
/// RandomResizedCrop/flip augmentation, validation every epoch, best-epoch keeping, checkpoints and resume,
/// early stopping, cancellation. Same seed, CPU and thread count give identical metrics. It reads a
/// <see cref="ResNetTrainerOptions"/> recipe only: given a <see cref="ResNetClassifierOptions"/>, it ignores the columns
/// and validation data, which the ML.NET estimator turns into the two image sources passed to <c>Train</c>.
/// </summary>
public sealed class ResNetTrainer
{
    private readonly ResNetTrainerOptions options;
    private readonly PrecisionProbeResult? precisionProbe;

    /// <summary>Creates a trainer; the options are checked here. A <see cref="ResNetTrainerOptions.TimeBudget"/> counts from here.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public ResNetTrainer(ResNetTrainerOptions options)
    {
        TrainingOptionsCheck.Validate(options);
        this.options = options;
    }

    // The same run with Precision = Auto resolved to what the probe chose.
    private ResNetTrainer(ResNetTrainerOptions resolved, PrecisionProbeResult probe) : this(resolved) => precisionProbe = probe;

    /// <summary>The clock the time budget is counted on; the estimator starts it when Fit begins, tests pass a fake one.</summary>
    internal ITrainingClock Clock { get; init; } = new StopwatchClock();

    /// <summary>
    /// Threads that decode and augment images for the next batches while libtorch computes. Results do not
    /// depend on it. Default: half the cores (at least one).
    /// </summary>
    public int DataWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> after each epoch.</summary>
    /// <param name="train">Training samples.</param>
    /// <param name="validation">Validation samples; when empty, no validation runs and the last epoch counts as best.</param>
    /// <param name="numClasses">Number of classes; every label must be in [0, numClasses).</param>
    /// <exception cref="ArgumentException">Fewer than two classes, no training samples, or a label out of range.</exception>
    /// <exception cref="InvalidImageException">An image cannot be decoded and the policy is <see cref="InvalidImagePolicy.Throw"/>.</exception>
    public TrainingResult Train(IImageSampleSource train, IImageSampleSource validation, int numClasses) =>
        Train(train, validation, numClasses, classNames: null);

    /// <summary>
    /// Trains as <see cref="Train(IImageSampleSource, IImageSampleSource, int)"/> with the classes named: label i is
    /// <paramref name="classNames"/>[i]. <see cref="PretrainedWeights.FromModel"/> matches the saved head rows to them.
    /// </summary>
    public TrainingResult Train(IImageSampleSource train, IImageSampleSource validation, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return Train(train, validation, classNames.Count, classNames);
    }

    private TrainingResult Train(IImageSampleSource train, IImageSampleSource validation, int numClasses, IReadOnlyList<string>? classNames)
    {
        CheckData(train, validation, numClasses);
        torch.set_num_threads(options.NumberOfThreads ?? Environment.ProcessorCount);
        var device = DeviceSelection.Resolve(options.Device);
        if (options.Precision == TrainingPrecision.Auto)
            return WithResolvedPrecision(device).Train(train, validation, numClasses, classNames);
        var store = string.IsNullOrWhiteSpace(options.CheckpointDirectory) ? null : new CheckpointStore(options.CheckpointDirectory);
        // Clears what a killed run left; returns the newest committed checkpoint's state when resuming from one.
        var resumed = store?.Start(options.Resume);
        var format = StepFormat.Resolve(options, device);
        if (resumed is not null) CheckResumable(resumed, store!, numClasses, format);
        int seed = resumed?.Seed ?? options.Seed;
        var resolved = Resolved(device, format);
        options.Log?.Invoke($"ResNetTrainer resolved: {resolved}");

        torch.manual_seed(seed);
        if (device.type == DeviceType.CUDA) cuda.manual_seed_all(seed);
        // Built as on the first run also when resuming: the checkpoint then overwrites the weights, but the
        // pretrained source may fix the layout (the ImageNet ResNet-18 graph has its own block counts).
        var network = StartingNetwork.Create(options, numClasses, classNames);
        try
        {
            network.to(device);
            if (resumed is null) FitNewClassRows(network, device, train, classNames);
            var result = StagedTraining.Handles(options)
                ? new StagedTraining(options, Clock, DataWorkers, precisionProbe).Run(network, device, format, train, validation, seed)
                : Run(network, device, format, train, validation, seed, store, resumed);
            result.Resolved = resolved;
            return result;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    // A saved model given classes it never saw: their rows are fitted before the first epoch (HeadOnly and TwoStage fit
    // the whole head on features first anyway).
    private void FitNewClassRows(ResNet network, Device device, IImageSampleSource train, IReadOnlyList<string>? classNames)
    {
        if (options.Pretrained != PretrainedWeights.FromModel || options.FineTuning != FineTuningMode.Full || classNames is null) return;
        var rows = SavedModelStart.NewClassRows(options.PretrainedPath!, classNames);
        if (rows.Count > 0) NewClassRows.Fit(network, device, options, train, rows, DataWorkers);
    }

    private TrainingResult Run(ResNet network, Device device, StepFormat format, IImageSampleSource train,
        IImageSampleSource validation, int seed, CheckpointStore? store, CheckpointState? resumed)
    {
        var token = options.CancellationToken;
        bool selectOnMacro = SelectsOnMacroAccuracy(validation, network.NumClasses);
        using var best = new WeightsSnapshot();
        var progress = resumed?.Progress ?? new ProgressState();
        var history = resumed?.History ?? new List<EpochMetrics>();
        int lastCompleted = resumed?.Epoch ?? 0;
        if (resumed is not null)
        {
            // Weights go in while the network is still NCHW: the session then lays them out and builds the optimizer.
            if (progress.BestEpoch > 0)
            {
                store!.LoadBestWeights(network, progress.BestEpoch);
                best.Capture(network);
            }
            store!.LoadLatestWeights(network);
        }
        using var session = new TrainingSession(options, format, network, device, train, validation, seed, DataWorkers);
        if (resumed is not null) store!.LoadLatestOptimizer(session.Optimizer);
        // Made after the session, which may have moved the weights to channels-last: the average keeps their layout.
        using var average = session.Recipe.Ema
            ? new WeightsAverage(network, options.EmaDecay ?? WeightsAverage.HalfLifeOfOneEpoch(session.StepsPerEpoch))
            : null;
        using var live = average is null ? null : new WeightsSnapshot();
        session.Average = average;
        if (resumed is not null && average is not null) store!.LoadLatestAverage(average);
        bool lastUsedAverage = history.Count > 0 && history[^1].UsedWeightAverage;

        bool cancelled = false;
        for (int epoch = lastCompleted + 1; epoch <= options.Epochs && !progress.StoppedEarly; epoch++)
        {
            var trained = session.TrainEpoch(epoch, token);
            var validated = trained.Completed ? session.Validate(token) : trained;
            if (!validated.Completed)
            {
                cancelled = true;
                break;
            }
            // The average is validated in the network's own tensors; the live weights wait in `live` meanwhile.
            bool usesAverage = false;
            if (average is not null && validated.Images > 0)
            {
                live!.Capture(network);
                average.CopyTo(network);
                var averaged = session.Validate(token);
                usesAverage = averaged.Completed && ScoresBetter(averaged, validated, selectOnMacro);
                if (usesAverage) validated = averaged with { Seconds = validated.Seconds + averaged.Seconds };
                else live.Restore(network);
            }
            var metrics = new EpochMetrics(epoch, trained.MeanLoss, validated.MeanLoss, validated.Accuracy,
                trained.LastLearningRate, trained.Seconds + validated.Seconds,
                trained.Images / Math.Max(trained.Seconds, 1e-9),
                session.TrainSkipped.Count + session.ValidationSkipped.Count)
            {
                ValidationMacroAccuracy = validated.MacroAccuracy,
                UsedWeightAverage = usesAverage,
            };
            history.Add(metrics);
            lastCompleted = epoch;
            lastUsedAverage = usesAverage;

            bool hasValidation = validated.Images > 0;
            if (RecordBest(progress, metrics, hasValidation, selectOnMacro))
            {
                best.Capture(network);
                store?.SaveBest(network, epoch);
            }
            if (usesAverage) live!.Restore(network);
            progress.StoppedEarly = hasValidation && EarlyStoppingFires(progress, SelectionAccuracy(metrics, selectOnMacro));
            store?.SaveEpoch(network, session.Optimizer,
                StateAfter(epoch, seed, network.NumClasses, format.ChannelsLast, progress, history) with { WeightAverage = average is not null },
                average);
            options.MetricsCallback?.Invoke(metrics);
            if (progress.StoppedEarly) break;
            if (token.IsCancellationRequested && epoch < options.Epochs)
            {
                cancelled = true;
                break;
            }
        }

        int returnedEpoch = lastCompleted;
        if ((options.KeepBestEpoch || cancelled) && !best.IsEmpty)
        {
            best.Restore(network);
            returnedEpoch = progress.BestEpoch;
        }
        else if (cancelled && lastCompleted == 0)
        {
            returnedEpoch = 0;
        }
        else if (lastUsedAverage)
        {
            // The last epoch is returned, and its average scored better than its live weights.
            average!.CopyTo(network);
        }
        var calibration = CalibrateIfAsked(session, cancelled, token);
        // Exporters and state-dict writers read weights in NCHW order.
        ChannelsLast.RestoreContiguous(network);
        network.eval();
        var skipped = session.TrainSkipped.Describe().Concat(session.ValidationSkipped.Describe()).ToList();
        return new TrainingResult(network, history, returnedEpoch, skipped, cancelled, calibration)
        {
            SelectedOnMacroAccuracy = selectOnMacro,
        };
    }

    // Precision is resolved by the time this runs (Auto goes through WithResolvedPrecision first).
    private ResolvedChoices Resolved(Device device, StepFormat format) => new(
        device.type == DeviceType.CUDA ? ComputeDevice.Cuda : ComputeDevice.Cpu,
        options.Precision,
        format.ChannelsLast ? TensorLayout.ChannelsLast : TensorLayout.ChannelsFirst,
        torch.get_num_threads(),
        DataWorkers);

    private ResNetTrainer WithResolvedPrecision(Device device)
    {
        var probe = PrecisionProbe.Resolve(options, device);
        var resolved = options.Copy();
        resolved.Precision = probe.Chosen;
        return new ResNetTrainer(resolved, probe) { DataWorkers = DataWorkers, Clock = Clock };
    }

    // One more validation pass over the returned weights, collecting logits: the temperature is fitted on exactly what
    // the saved model will compute before its softmax.
    private CalibrationResult? CalibrateIfAsked(TrainingSession session, bool cancelled, CancellationToken token)
    {
        if (options.Calibration == ProbabilityCalibration.None || cancelled) return null;
        var collected = new LabelledLogits();
        var pass = session.Validate(token, collected);
        if (!pass.Completed || collected.Count == 0) return null;
        return TemperatureScaling.Fit(collected.Logits, collected.Labels);
    }

    // Micro accuracy lets a model that ignores a small class look good: on an unbalanced validation set every class counts the same.
    internal static bool SelectsOnMacroAccuracy(IImageSampleSource validation, int numClasses) =>
        ClassBalance.IsUnbalanced(ClassBalance.Counts(validation.AllLabels(), numClasses));

    // The same rule as the best epoch: higher selection accuracy, ties to the lower loss.
    internal static bool ScoresBetter(PassOutcome candidate, PassOutcome reference, bool onMacro)
    {
        double a = onMacro ? candidate.MacroAccuracy : candidate.Accuracy, b = onMacro ? reference.MacroAccuracy : reference.Accuracy;
        return a > b || (a == b && candidate.MeanLoss < reference.MeanLoss);
    }

    private static double SelectionAccuracy(EpochMetrics metrics, bool onMacro) =>
        onMacro ? metrics.ValidationMacroAccuracy : metrics.ValidationAccuracy;

    // The accuracy the best-epoch rule compares is macro on unbalanced validation sets.
    internal static bool RecordBest(ProgressState progress, EpochMetrics metrics, bool hasValidation, bool onMacro)
    {
        double accuracy = SelectionAccuracy(metrics, onMacro);
        if (!progress.Improves(accuracy, metrics.ValidationLoss, hasValidation)) return false;
        progress.Record(metrics.Epoch, accuracy, metrics.ValidationLoss);
        return true;
    }

    private bool EarlyStoppingFires(ProgressState progress, double accuracy)
    {
        if (accuracy > progress.EarlyStoppingReference + options.EarlyStoppingMinDelta)
        {
            progress.EarlyStoppingReference = accuracy;
            progress.EpochsWithoutImprovement = 0;
            return false;
        }
        progress.EpochsWithoutImprovement++;
        return options.EarlyStoppingPatience is int patience && progress.EpochsWithoutImprovement >= patience;
    }

    private CheckpointState StateAfter(int epoch, int seed, int numClasses, bool channelsLast, ProgressState progress,
        List<EpochMetrics> history) => new()
    {
        Architecture = options.Architecture.ToString(),
        NumClasses = numClasses,
        ImageSize = options.ImageSize,
        Optimizer = options.Optimizer.ToString(),
        Seed = seed,
        ChannelsLast = channelsLast,
        Epoch = epoch,
        Progress = progress with { },
        History = history.ToList(),
    };

    private void CheckResumable(CheckpointState state, CheckpointStore store, int numClasses, StepFormat format)
    {
        void Mismatch(string what, object saved, object now) => throw new InvalidOperationException(
            $"Cannot resume from '{store.LatestStatePath}': it was trained with {what} {saved}, this run asks for {now}.");
        if (state.Format != CheckpointState.CurrentFormat) Mismatch("checkpoint format", state.Format, CheckpointState.CurrentFormat);
        if (state.Architecture != options.Architecture.ToString()) Mismatch("architecture", state.Architecture, options.Architecture);
        if (state.NumClasses != numClasses) Mismatch("class count", state.NumClasses, numClasses);
        if (state.ImageSize != options.ImageSize) Mismatch("image size", state.ImageSize, options.ImageSize);
        if (state.Optimizer != options.Optimizer.ToString()) Mismatch("optimizer", state.Optimizer, options.Optimizer);
        // The optimizer moments follow the weights' memory order; set Layout to match.
        if (state.ChannelsLast != format.ChannelsLast) Mismatch("channels-last", state.ChannelsLast, format.ChannelsLast);
        bool average = RecipeChoices.Resolve(options).Ema;
        if (state.WeightAverage != average) Mismatch("weight average (Ema)", state.WeightAverage, average);
    }

    private static void CheckData(IImageSampleSource train, IImageSampleSource validation, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        if (numClasses < 2) throw new ArgumentException($"Classification needs at least 2 classes, got {numClasses}.", nameof(numClasses));
        if (train.Count == 0) throw new ArgumentException("The training set is empty.", nameof(train));
        CheckLabels(train, numClasses, "training");
        CheckLabels(validation, numClasses, "validation");
    }

    private static void CheckLabels(IImageSampleSource source, int numClasses, string setName)
    {
        for (int index = 0; index < source.Count; index++)
        {
            int label = source.GetLabel(index);
            if ((uint)label >= (uint)numClasses)
                throw new ArgumentException($"The {setName} label of {source.Describe(index)} is {label}, outside [0, {numClasses}).");
        }
    }
}
