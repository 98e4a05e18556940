namespace MlNetResNet;

/// <summary>Which weights train, and in what order.</summary>
public enum FineTuningMode
{
    /// <summary>The seed recipe: the whole network trains from the first step (Adam, RandomResizedCrop + flip).</summary>
    Full,
    /// <summary>
    /// The backbone stays frozen in eval mode: its pooled features are computed once per image (and cached on disk
    /// when <see cref="ResNetTrainerOptions.FeatureCacheDirectory"/> is set), then only <c>fc</c> trains on them,
    /// with early stopping. Seconds rather than minutes.
    /// </summary>
    HeadOnly,
    /// <summary>
    /// <see cref="HeadOnly"/> first, then layer1-layer4 and <c>fc</c> unfrozen (or the last
    /// <see cref="ResNetTrainerOptions.TrainableStages"/> stages; the stem stays frozen) in batches of at least 64, at up
    /// to 5x the learning rate for <c>fc</c> and less for earlier layers, a short warm-up and cosine decay, batch-norm
    /// running statistics held as stage 1 saw them, keeping the best epoch of both stages.
    /// </summary>
    TwoStage,
}
