using MlNetResNet.Models;
using MlNetResNet.Training.FineTuning;

namespace MlNetResNet.Training;

/// <summary>Rejects recipe values the trainer cannot work with, naming the option.</summary>
internal static class TrainingOptionsCheck
{
    public static void Validate(ResNetTrainerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        Require(o.Epochs >= 1, nameof(o.Epochs), o.Epochs, "must be at least 1");
        Require(o.BatchSize >= 2, nameof(o.BatchSize), o.BatchSize, "must be at least 2 (BatchNorm needs two images per step)");
        Require(o.LearningRate > 0 && double.IsFinite(o.LearningRate), nameof(o.LearningRate), o.LearningRate, "must be positive");
        Require(o.WeightDecay >= 0, nameof(o.WeightDecay), o.WeightDecay, "cannot be negative");
        Require(o.Momentum is >= 0 and < 1, nameof(o.Momentum), o.Momentum, "must be in [0, 1)");
        Require(o.WarmupEpochs >= 0, nameof(o.WarmupEpochs), o.WarmupEpochs, "cannot be negative");
        Require(o.LabelSmoothing is >= 0 and < 1, nameof(o.LabelSmoothing), o.LabelSmoothing, "must be in [0, 1)");
        Require(o.ImageSize >= 8, nameof(o.ImageSize), o.ImageSize, "must be at least 8");
        Require(o.EffectiveResizeSize >= o.ImageSize, nameof(o.ResizeSize), o.ResizeSize, $"must be at least ImageSize ({o.ImageSize})");
        Require(o.RandomCropScale.Min > 0 && o.RandomCropScale.Min <= o.RandomCropScale.Max, nameof(o.RandomCropScale),
            o.RandomCropScale, "needs 0 < Min <= Max");
        Require(o.RandomCropRatio.Min > 0 && o.RandomCropRatio.Min <= o.RandomCropRatio.Max, nameof(o.RandomCropRatio),
            o.RandomCropRatio, "needs 0 < Min <= Max");
        Require(o.EarlyStoppingPatience is null or >= 1, nameof(o.EarlyStoppingPatience), o.EarlyStoppingPatience, "must be at least 1");
        Require(o.EarlyStoppingMinDelta >= 0, nameof(o.EarlyStoppingMinDelta), o.EarlyStoppingMinDelta, "cannot be negative");
        Require(o.NumberOfThreads is null or >= 1, nameof(o.NumberOfThreads), o.NumberOfThreads, "must be at least 1");
        Require(o.ImageCacheBytes >= 0, nameof(o.ImageCacheBytes), o.ImageCacheBytes, "cannot be negative");
        LayerFreezing.CheckTrainableStages(o.TrainableStages);
        RequireDefined(o.Architecture, nameof(o.Architecture));
        RequireDefined(o.Optimizer, nameof(o.Optimizer));
        RequireDefined(o.LearningRateSchedule, nameof(o.LearningRateSchedule));
        RequireDefined(o.Calibration, nameof(o.Calibration));
        if (o.ClassWeighting is { } weighting) RequireDefined(weighting, nameof(o.ClassWeighting));
        RequireDefined(o.Recipe, nameof(o.Recipe));
        if (o.Augmentation is { } augmentation) RequireDefined(augmentation, nameof(o.Augmentation));
        if (o.Mixup is { } mixup) RequireDefined(mixup, nameof(o.Mixup));
        RequireDefined(o.TestTimeAugmentation, nameof(o.TestTimeAugmentation));
        Require(o.MixupOffEpoch is null or >= 0, nameof(o.MixupOffEpoch), o.MixupOffEpoch, "cannot be negative");
        Require(o.EmaDecay is null or (>= 0 and < 1), nameof(o.EmaDecay), o.EmaDecay, "must be in [0, 1)");
        RequireDefined(o.Pretrained, nameof(o.Pretrained));
        RequireDefined(o.Device, nameof(o.Device));
        RequireDefined(o.Precision, nameof(o.Precision));
        RequireDefined(o.Layout, nameof(o.Layout));
        RequireDefined(o.InvalidImages, nameof(o.InvalidImages));
        Require(o.FeatureViews is >= 0 and <= 16, nameof(o.FeatureViews), o.FeatureViews, "must be between 0 and 16");
        Require(o.FeatureCacheMaxBytes >= 0, nameof(o.FeatureCacheMaxBytes), o.FeatureCacheMaxBytes, "cannot be negative");
        Require(o.TimeBudget is null || o.TimeBudget > TimeSpan.Zero, nameof(o.TimeBudget), o.TimeBudget, "must be positive");
        RequireDefined(o.FineTuning, nameof(o.FineTuning));
        if (o.Pretrained == PretrainedWeights.File && string.IsNullOrWhiteSpace(o.PretrainedPath))
            throw new ArgumentException("Pretrained = File needs PretrainedPath (a PyTorch .pth state dict).", nameof(o.PretrainedPath));
        if (o.Pretrained == PretrainedWeights.File && !File.Exists(o.PretrainedPath))
            throw new FileNotFoundException($"Pretrained weights file '{o.PretrainedPath}' (PretrainedPath) does not exist.", o.PretrainedPath);
        if (o.Pretrained == PretrainedWeights.FromModel) SavedModelStart.Check(o.PretrainedPath, o.Architecture);
        if (o.Pretrained == PretrainedWeights.ImageNet && o.Architecture != ResNetArchitecture.ResNet18)
            throw new ArgumentException(
                $"Pretrained = ImageNet is available for ResNet18 only, not {o.Architecture}; use Pretrained = File with a .pth for other architectures.",
                nameof(o.Pretrained));
        if (o.Resume && StagedTraining.Handles(o))
            throw new ArgumentException(
                $"Resume continues the plain Full run only; this run asks for FineTuning = {o.FineTuning}" +
                (o.TimeBudget is null ? "." : " with a TimeBudget."), nameof(o.Resume));
        if (o.ClassWeighting is { } asked && asked != ClassWeighting.None && o.FineTuning != FineTuningMode.Full)
            throw new ArgumentException(
                $"ClassWeighting = {o.ClassWeighting} is supported for FineTuning = Full only, not {o.FineTuning} (its head stage trains unweighted).",
                nameof(o.ClassWeighting));
        // The planned stages keep their own best weights and run no weight average.
        if (o.Ema == true && (o.FineTuning != FineTuningMode.Full || o.TimeBudget is not null))
            throw new ArgumentException(
                $"Ema = true is supported for the plain Full run only; this run asks for FineTuning = {o.FineTuning}" +
                (o.TimeBudget is null ? "." : " with a TimeBudget."), nameof(o.Ema));
        // Asks libtorch, which training loads anyway: better now than after the images are read.
        if (o.Device == ComputeDevice.Cuda) DeviceSelection.Resolve(o.Device);
        if (o.Resume && string.IsNullOrWhiteSpace(o.CheckpointDirectory))
            throw new ArgumentException("Resume needs CheckpointDirectory.", nameof(o.Resume));
    }

    private static void RequireDefined<TEnum>(TEnum value, string name) where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value)) throw UnknownEnumValue.Error(name, value);
    }

    private static void Require(bool condition, string name, object? value, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}; got {value}.");
    }
}
