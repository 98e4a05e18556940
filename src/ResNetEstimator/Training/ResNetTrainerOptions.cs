using Defaults = MlNetResNet.ResNetClassifierEstimator.Defaults;

namespace MlNetResNet;

/// <summary>
/// The training recipe: what <see cref="ResNetTrainer"/> reads (architecture, epochs, optimizer and schedule,
/// augmentation, fine-tuning, precision, device, budget, caches, checkpoints, callbacks). Nothing here knows about
/// ML.NET columns or data views; <see cref="ResNetClassifierOptions"/> adds those and carries this recipe by deriving
/// from it. Defaults follow the classic PyTorch fine-tuning recipe: ResNet-34, Adam at 1e-4, batch 32, RandomResizedCrop
/// 224 + horizontal flip for training, resize 256 / center-crop 224 for validation, ImageNet normalisation, keep the
/// best validation epoch. The values live in <see cref="ResNetClassifierEstimator.Defaults"/>.
/// </summary>
/// <remarks>
/// A class to derive from rather than a property of the ML.NET options, as ML.NET's own trainer options derive from
/// <c>TrainerInputBase</c>: <c>new ResNetClassifierOptions { Epochs = 5, LabelColumnName = "Label" }</c> keeps
/// compiling, and one object initialiser sets columns and recipe together.
/// </remarks>
public class ResNetTrainerOptions
{
    /// <summary>Network to fine-tune. Default <see cref="ResNetArchitecture.ResNet34"/>.</summary>
    public ResNetArchitecture Architecture { get; set; } = Defaults.Architecture;

    /// <summary>Passes over the training data. Default 10.</summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>Images per optimisation step. Default 32.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>Peak learning rate. Default 1e-4.</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>Optimizer. Default <see cref="ResNetOptimizer.Adam"/>.</summary>
    public ResNetOptimizer Optimizer { get; set; } = Defaults.Optimizer;

    /// <summary>Momentum for <see cref="ResNetOptimizer.Sgd"/>. Default 0.9.</summary>
    public double Momentum { get; set; } = Defaults.Momentum;

    /// <summary>Weight decay (decoupled for AdamW, L2 otherwise). Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Learning-rate schedule. Default <see cref="LearningRateSchedule.Constant"/>.</summary>
    public LearningRateSchedule LearningRateSchedule { get; set; } = Defaults.LearningRateSchedule;

    /// <summary>Warm-up epochs for <see cref="LearningRateSchedule.CosineWithWarmup"/>. Default 1.</summary>
    public double WarmupEpochs { get; set; } = Defaults.WarmupEpochs;

    /// <summary>Label smoothing of the cross-entropy loss, in [0, 1). Default 0.</summary>
    public double LabelSmoothing { get; set; }

    /// <summary>
    /// Weights of the classes in the training loss; null takes the recipe's choice. Independently of it, the
    /// best epoch and early stopping follow macro accuracy (mean per-class recall) instead of micro accuracy when the
    /// validation set is unbalanced (see <see cref="ClassBalance.UnbalancedRatio"/>).
    /// </summary>
    public ClassWeighting? ClassWeighting { get; set; }

    /// <summary>
    /// The recipe that fills every addition left null here (<see cref="Augmentation"/>, <see cref="Mixup"/>,
    /// <see cref="Ema"/>, <see cref="ClassWeighting"/>). Default <see cref="TrainingRecipe.Modern"/> (weight average and
    /// balanced class weights), which the ablation on the look-alike set in docs/RECIPE.md measured best: 5.0 macro points
    /// over <see cref="TrainingRecipe.Seed"/>, 4.3 at equal wall time.
    /// </summary>
    public TrainingRecipe Recipe { get; set; } = Defaults.Recipe;

    /// <summary>Training augmentation after RandomResizedCrop + flip; null takes the recipe's choice.</summary>
    public AugmentationPolicy? Augmentation { get; set; }

    /// <summary>Mixup/CutMix of the training batches; null takes the recipe's choice.</summary>
    public BatchMixing? Mixup { get; set; }

    /// <summary>
    /// Last epoch (1-based) that mixes batches; later epochs train on plain images (timm's <c>mixup_off_epoch</c>). Null:
    /// the first three quarters of <see cref="Epochs"/>, rounded up.
    /// </summary>
    public int? MixupOffEpoch { get; set; }

    /// <summary>
    /// Keep an exponential moving average of the weights (timm's <c>ModelEmaV2</c>, buffers included); each epoch it is
    /// validated beside the live weights, and the best epoch, the returned network and the export use whichever scored
    /// better. Null takes the recipe's choice. Checkpoints carry it (Resume continues it exactly); planned stages
    /// (<see cref="FineTuning"/> other than Full, or a <see cref="TimeBudget"/>) do not run it.
    /// </summary>
    public bool? Ema { get; set; }

    /// <summary>
    /// Decay of the weight average per step, with timm's warm-up min(decay, (1 + step) / (10 + step)). Null: the decay
    /// whose half-life is one epoch, 0.5^(1 / steps per epoch) (about 0.93 for 10 steps an epoch, 0.9999 for 5000).
    /// </summary>
    public double? EmaDecay { get; set; }

    /// <summary>Averaging inside the saved model (and validation). Default <see cref="MlNetResNet.TestTimeAugmentation.None"/>.</summary>
    public TestTimeAugmentation TestTimeAugmentation { get; set; } = Defaults.TestTimeAugmentation;

    /// <summary>
    /// Calibration of the saved model's probabilities, fitted on the validation set after training (needs one).
    /// Default <see cref="ProbabilityCalibration.None"/>: with a temperature the saved model's log-loss no longer equals
    /// the best epoch's validation loss, which callers comparing the two rely on.
    /// </summary>
    public ProbabilityCalibration Calibration { get; set; } = Defaults.Calibration;

    /// <summary>Side of the square crop the network sees in training and evaluation. Default 224.</summary>
    public int ImageSize { get; set; } = Defaults.ImageSize;

    /// <summary>Shorter side that evaluation images are resized to before the center crop. Default ImageSize·256/224.</summary>
    public int? ResizeSize { get; set; }

    /// <summary>RandomResizedCrop area range, as fractions of the image. Default (0.08, 1.0).</summary>
    public (double Min, double Max) RandomCropScale { get; set; } = Defaults.RandomCropScale;

    /// <summary>RandomResizedCrop aspect-ratio range. Default (3/4, 4/3).</summary>
    public (double Min, double Max) RandomCropRatio { get; set; } = Defaults.RandomCropRatio;

    /// <summary>Randomly mirror training images left-right. Default true.</summary>
    public bool HorizontalFlip { get; set; } = Defaults.HorizontalFlip;

    /// <summary>Starting weights. Default <see cref="PretrainedWeights.None"/>.</summary>
    public PretrainedWeights Pretrained { get; set; } = Defaults.Pretrained;

    /// <summary>
    /// Path of a PyTorch <c>.pth</c> state dict when <see cref="Pretrained"/> is <see cref="PretrainedWeights.File"/>, or of a
    /// saved model.zip when it is <see cref="PretrainedWeights.FromModel"/>.
    /// </summary>
    public string? PretrainedPath { get; set; }

    /// <summary>Train only <c>fc</c>; the backbone stays frozen (BN statistics too). Default false.</summary>
    public bool FreezeBackbone { get; set; }

    /// <summary>
    /// How many of the last stages (layer4, layer3, …, stem) are trained when not all are; null trains all (in the
    /// second stage of <see cref="FineTuningMode.TwoStage"/>, null trains layer1-layer4 and keeps the stem frozen). Ignored when
    /// <see cref="FreezeBackbone"/> is true.
    /// </summary>
    public int? TrainableStages { get; set; }

    /// <summary>Stop after this many epochs without improvement of validation accuracy; null never stops early.</summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>Smallest gain in validation accuracy that counts as improvement. Default 0.</summary>
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>Return the weights of the epoch with the best validation accuracy, not the last. Default true.</summary>
    public bool KeepBestEpoch { get; set; } = Defaults.KeepBestEpoch;

    /// <summary>Seed of shuffling, augmentation, the hold-out split and the new layers. Default 1.</summary>
    public int Seed { get; set; } = Defaults.Seed;

    /// <summary>Where training runs. Default <see cref="ComputeDevice.Auto"/> (CUDA when available).</summary>
    public ComputeDevice Device { get; set; } = Defaults.Device;

    /// <summary>Arithmetic of the training step. Default <see cref="TrainingPrecision.Float32"/>.</summary>
    public TrainingPrecision Precision { get; set; } = Defaults.Precision;

    /// <summary>Memory layout while training; results do not depend on it beyond rounding. Default <see cref="TensorLayout.Auto"/>.</summary>
    public TensorLayout Layout { get; set; } = Defaults.Layout;

    /// <summary>libtorch intra-op threads; null uses the number of cores.</summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>
    /// Folder for per-epoch checkpoints: <c>epoch-NNNN/</c> after each epoch and <c>best-NNNN/</c> when validation
    /// improves, each committed by a <c>COMMITTED</c> marker written last (docs/RELIABILITY.md). A run without
    /// <see cref="Resume"/> deletes the checkpoints already there. Null (default) writes none.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// Continue from the newest committed checkpoint in <see cref="CheckpointDirectory"/>, or start at epoch 1 when there
    /// is none. With the same options, data, CPU and thread count, the run ends with the history and weights of an
    /// uninterrupted one. Default false.
    /// </summary>
    public bool Resume { get; set; }

    /// <summary>Called after each epoch with its metrics.</summary>
    public Action<EpochMetrics>? MetricsCallback { get; set; }

    /// <summary>Called after each training batch (for progress bars).</summary>
    public Action<BatchProgress>? BatchCallback { get; set; }

    /// <summary>
    /// Called with one line per event worth a log entry: once per run, the <see cref="ResolvedChoices"/> that
    /// <see cref="ComputeDevice.Auto"/>, <see cref="TrainingPrecision.Auto"/>, <see cref="TensorLayout.Auto"/> and the
    /// thread counts became. Null logs nothing. <c>ResNetClassifierLog.To(mlContext)</c> routes it to <c>MLContext.Log</c>.
    /// </summary>
    public Action<string>? Log { get; set; }

    /// <summary>Stops training within one batch; the best checkpoint so far is kept.</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>What to do with an image that cannot be decoded. Default <see cref="InvalidImagePolicy.Skip"/>.</summary>
    public InvalidImagePolicy InvalidImages { get; set; } = Defaults.InvalidImages;

    /// <summary>Memory for decoded, resized training images kept across epochs, in bytes; 0 disables. Default 1 GiB.</summary>
    public long ImageCacheBytes { get; set; } = Defaults.ImageCacheBytes;

    /// <summary>Which weights train, and in what order. Default <see cref="FineTuningMode.Full"/> (the seed recipe).</summary>
    public FineTuningMode FineTuning { get; set; } = Defaults.FineTuning;

    /// <summary>
    /// Extra augmented views (RandomResizedCrop + flip) per training image whose features the head also trains on, in
    /// <see cref="FineTuningMode.HeadOnly"/> and the first stage of <see cref="FineTuningMode.TwoStage"/>. Default 0.
    /// </summary>
    public int FeatureViews { get; set; }

    /// <summary>
    /// Folder where backbone features are kept between runs, keyed by image content, architecture, backbone weights,
    /// image size and preprocessing; null keeps none. Used by <see cref="FineTuningMode.HeadOnly"/> and
    /// <see cref="FineTuningMode.TwoStage"/>.
    /// </summary>
    public string? FeatureCacheDirectory { get; set; }

    /// <summary>Most bytes <see cref="FeatureCacheDirectory"/> holds; the least recently used entries go first. Default 1 GiB.</summary>
    public long FeatureCacheMaxBytes { get; set; } = Defaults.FeatureCacheMaxBytes;

    /// <summary>
    /// Wall time the whole Fit may take (reading, decoding, training and export); null has no limit. The trainer
    /// measures its throughput, plans stages and epochs to fit (<see cref="Epochs"/> stays the upper limit), sizes the
    /// learning-rate schedule to the planned steps and keeps the best epoch.
    /// </summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Evaluation resize side actually used.</summary>
    internal int EffectiveResizeSize => ResizeSize ?? (int)Math.Round(ImageSize * 256.0 / 224.0);

    /// <summary>
    /// A shallow copy: the library changes copies, never the object it was given (callbacks and token are shared, not
    /// cloned). Called on a <see cref="ResNetClassifierOptions"/>, it copies the columns and validation data too.
    /// </summary>
    public virtual ResNetTrainerOptions Copy() => (ResNetTrainerOptions)MemberwiseClone();
}
