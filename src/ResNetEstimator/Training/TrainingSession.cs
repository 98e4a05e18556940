using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using MlNetResNet.Imaging;
using MlNetResNet.Training.Batching;
using MlNetResNet.Training.Calibration;
using MlNetResNet.Training.Format;
using MlNetResNet.Training;
using MlNetResNet.Training.Recipe;

namespace MlNetResNet.Training;

/// <summary>
/// Everything one training run holds while it runs — network, optimizer, batch buffers, image caches — and the
/// two passes an epoch makes: a training pass (one dispose scope per step) and a validation pass.
/// </summary>
internal sealed class TrainingSession : IDisposable
{
    // One buffer being computed on, two being filled ahead.
    private const int BatchBuffers = 3;

    // Training images are kept at up to this many times the crop side, not at the evaluation resize: torchvision's
    // RandomResizedCrop cuts its crop from the whole image, and a small crop cut from an image already shrunk to the
    // resize side has lost detail. Measured on the look-alike flowers (96 px sources, 64 px crops, seed 1, 5 epochs):
    // crops from images shrunk to 73 px reached 87.7%, crops from the 96 px images 92.0% (PyTorch's seed recipe 93.0%).
    // With twice the side only crops under a quarter of the image's area (18% of RandomResizedCrop's draws) are cut
    // from fewer pixels than the original has; a decoded image takes up to 3x the bytes it took at the resize side.
    private const int TrainingSourceSideFactor = 2;

    private readonly ResNetTrainerOptions options;
    private readonly ResNet network;
    private readonly Device device;
    private readonly LayerFreezing freezing;
    private readonly IImageSampleSource trainSource;
    private readonly IImageSampleSource validationSource;
    private readonly DecodedImageCache trainImages;
    private readonly DecodedImageCache validationImages;
    private readonly TrainingAugmentation augmentation;
    private readonly EvaluationPreprocessing evaluation;
    private readonly BatchPool pool;
    private readonly LearningRateCurve curve;
    private readonly int seed;
    private readonly int workers;
    private readonly NativeHeapTrim heapTrim = new();
    private readonly Tensor? classWeights;
    private readonly BatchMixer? mixer;

    public TrainingSession(ResNetTrainerOptions options, StepFormat format, ResNet network, Device device, IImageSampleSource train,
        IImageSampleSource validation, int seed, int workers, Func<ResNet, TrainingOptimizer>? optimizerFactory = null)
    {
        this.options = options;
        this.network = network;
        this.device = device;
        this.seed = seed;
        this.workers = workers;
        trainSource = train;
        validationSource = validation;
        freezing = LayerFreezing.Apply(network, options.FreezeBackbone, options.TrainableStages);
        // Before the optimizer is built: the flat Adam buffer takes each weight's strides as they are then.
        Format = format;
        if (Format.ChannelsLast) ChannelsLast.ConvertWeights(network);
        Optimizer = optimizerFactory?.Invoke(network) ?? TrainingOptimizer.Create(options.Optimizer, network.parameters(),
            options.LearningRate, options.WeightDecay, options.Momentum);

        int resize = options.EffectiveResizeSize;
        var budget = new CacheBudget(options.ImageCacheBytes);
        trainImages = new DecodedImageCache(train, Math.Max(resize, TrainingSourceSideFactor * options.ImageSize), budget);
        validationImages = new DecodedImageCache(validation, resize, budget);
        Recipe = RecipeChoices.Resolve(options);
        augmentation = new TrainingAugmentation(
            new RandomResizedCrop(options.ImageSize, options.RandomCropScale, options.RandomCropRatio),
            options.HorizontalFlip, seed, Recipe.Augmentation);
        mixer = Recipe.Mixup == BatchMixing.None ? null : new BatchMixer(seed, network.NumClasses, options.LabelSmoothing);
        evaluation = new EvaluationPreprocessing(resize, options.ImageSize);
        pool = new BatchPool(BatchBuffers, options.BatchSize, options.ImageSize, pinMemory: device.type == DeviceType.CUDA);

        classWeights = Recipe.ClassWeighting == ClassWeighting.Balanced
            ? tensor(ClassBalance.BalancedWeights(ClassBalance.Counts(train.AllLabels(), network.NumClasses))
                .Select(weight => (float)weight).ToArray()).to(device)
            : null;
        StepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        long warmup = (long)Math.Round(options.WarmupEpochs * StepsPerEpoch);
        curve = new LearningRateCurve(options.LearningRateSchedule, options.LearningRate,
            (long)StepsPerEpoch * options.Epochs, warmup);
    }

    public TrainingOptimizer Optimizer { get; }

    /// <summary>The training additions this run uses.</summary>
    public RecipeChoices Recipe { get; }

    /// <summary>The weight average to update after every optimizer step; null keeps none.</summary>
    public WeightsAverage? Average { get; set; }

    /// <summary>Layout and compute type of the step.</summary>
    public StepFormat Format { get; }

    public int StepsPerEpoch { get; }

    /// <summary>Steers the steps of a planned stage (time budget, warm-up); null runs whole epochs on the options' schedule.</summary>
    public IStageGovernor? Governor { get; set; }

    public SkippedImageLog TrainSkipped { get; } = new("training");

    public SkippedImageLog ValidationSkipped { get; } = new("validation");

    /// <summary>One pass over the shuffled training set; stops after the current batch when cancelled.</summary>
    public PassOutcome TrainEpoch(int epoch, CancellationToken token)
    {
        var order = Enumerable.Range(0, trainSource.Count).ToArray();
        SampleRandom.For(seed, epoch, sample: 0, stream: 1).Shuffle(order);
        freezing.TrainMode(network);

        var clock = Stopwatch.StartNew();
        double lossSum = 0, learningRate = curve.At((long)(epoch - 1) * StepsPerEpoch);
        long images = 0;
        using var pipeline = new BatchPipeline(pool, trainImages, trainSource, augmentation, order, epoch,
            TrainSkipped, options.InvalidImages, workers, token);
        while (!token.IsCancellationRequested && pipeline.TryTake(out var batch))
        {
            try
            {
                // BatchNorm cannot normalise a single image in training mode: such a batch is left out.
                if (batch.Count < 2) continue;
                long step = (long)(epoch - 1) * StepsPerEpoch + batch.BatchIndex;
                if (Governor?.BeforeStep(network, step) == false) break;
                learningRate = Governor?.LearningRate(step) ?? curve.At(step);
                double loss = Step(batch, learningRate, Recipe.MixesIn(epoch) ? mixer!.Draw(epoch, batch.BatchIndex, options.ImageSize, options.ImageSize) : null);
                Governor?.AfterStep(step, batch.Count);
                lossSum += loss * batch.Count;
                images += batch.Count;
                heapTrim.MaybeTrim();
                options.BatchCallback?.Invoke(new BatchProgress(epoch, batch.BatchIndex + 1, pipeline.BatchCount, loss,
                    images / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
            }
            finally
            {
                pipeline.Return(batch);
            }
        }
        heapTrim.TrimAfterPass();
        bool completed = !token.IsCancellationRequested;
        return new PassOutcome(completed, images > 0 ? lossSum / images : double.NaN, double.NaN, images,
            clock.Elapsed.TotalSeconds, learningRate);
    }

    /// <summary>Loss and accuracy on the validation set (resize + center crop, no augmentation).</summary>
    /// <param name="token">Stops the pass after the current batch.</param>
    /// <param name="collector">When given, receives every batch's float32 logits and labels (for calibration).</param>
    public PassOutcome Validate(CancellationToken token, LabelledLogits? collector = null)
    {
        var clock = Stopwatch.StartNew();
        if (validationSource.Count == 0) return new PassOutcome(true, double.NaN, double.NaN, 0, 0, double.NaN);
        network.eval();
        double lossSum = 0;
        long correct = 0, images = 0;
        var classCorrect = new long[network.NumClasses];
        var classTotal = new long[network.NumClasses];
        var order = Enumerable.Range(0, validationSource.Count).ToArray();
        using var noGrad = no_grad();
        using var pipeline = new BatchPipeline(pool, validationImages, validationSource, evaluation, order, epoch: 0,
            ValidationSkipped, options.InvalidImages, workers, token);
        while (!token.IsCancellationRequested && pipeline.TryTake(out var batch))
        {
            try
            {
                if (batch.Count == 0) continue;
                using var scope = NewDisposeScope();
                var (input, labels) = DeviceInputs(batch);
                var logits = Logits(input);
                collector?.Add(logits, labels);
                lossSum += functional.cross_entropy(logits, labels, reduction: Reduction.Sum).item<float>();
                var hits = logits.argmax(1).eq(labels);
                correct += CountPerClass(labels, hits, classCorrect, classTotal);
                images += batch.Count;
                heapTrim.MaybeTrim();
            }
            finally
            {
                pipeline.Return(batch);
            }
        }
        heapTrim.TrimAfterPass();
        bool completed = !token.IsCancellationRequested;
        return new PassOutcome(completed, images > 0 ? lossSum / images : double.NaN,
            images > 0 ? (double)correct / images : double.NaN, images, clock.Elapsed.TotalSeconds, double.NaN,
            ClassBalance.MacroAccuracy(classCorrect, classTotal));
    }

    // Returns the batch's correct count: the hits are on the host here anyway, so no second device sync is needed.
    private static long CountPerClass(Tensor labels, Tensor hits, long[] classCorrect, long[] classTotal)
    {
        var labelValues = labels.cpu().data<long>().ToArray();
        var hitValues = hits.cpu().data<bool>().ToArray();
        long correct = 0;
        for (int row = 0; row < labelValues.Length; row++)
        {
            classTotal[labelValues[row]]++;
            if (!hitValues[row]) continue;
            classCorrect[labelValues[row]]++;
            correct++;
        }
        return correct;
    }

    public void Dispose()
    {
        classWeights?.Dispose();
        Optimizer.Dispose();
        pool.Dispose();
    }

    // With test-time augmentation the mean of the logits of the images and their mirror images, as the exported graph computes.
    private Tensor Logits(Tensor input)
    {
        var logits = network.forward(Format.EvaluationInput(input));
        if (options.TestTimeAugmentation == TestTimeAugmentation.None) return logits;
        var mirrored = network.forward(Format.EvaluationInput(input.flip(3)));
        return (logits.to(ScalarType.Float32) + mirrored.to(ScalarType.Float32)) * 0.5;
    }

    private double Step(ImageBatch batch, double learningRate, MixDraw? mix)
    {
        using var scope = NewDisposeScope();
        Optimizer.LearningRate = learningRate;
        Optimizer.ZeroGrad();
        var (input, labels) = DeviceInputs(batch);
        if (mix is { } draw) input = BatchMixer.MixImages(input, draw);
        var logits = network.forward(Format.TrainingInput(input)).to(ScalarType.Float32);
        // Mixed targets carry the label smoothing already (timm's mixup_target), so the loss must not smooth again.
        var loss = mix is { } drawn
            ? BatchMixer.SoftTargetLoss(logits, mixer!.MixTargets(labels, drawn.Lambda), classWeights)
            : functional.cross_entropy(logits, labels, weight: classWeights, label_smoothing: options.LabelSmoothing);
        loss.backward();
        Optimizer.Step();
        Average?.Update(network);
        return loss.item<float>();
    }

    // Views of the filled part of the batch buffers, copied to the accelerator when training runs on one.
    private (Tensor Input, Tensor Labels) DeviceInputs(ImageBatch batch)
    {
        var input = batch.Images.narrow(0, 0, batch.Count);
        var labels = batch.Labels.narrow(0, 0, batch.Count);
        return device.type == DeviceType.CPU ? (input, labels) : (input.to(device), labels.to(device));
    }
}
