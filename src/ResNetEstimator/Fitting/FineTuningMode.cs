namespace MlNetResNet;

/// <summary>Which weights train, and in what order.</summary>
public enum FineTuningMode
{
    /// <summary>The seed recipe: the whole network trains from the first step (Adam, RandomResizedCrop + flip).</summary>
    Full,
    /// <summary>
    /// The backbone stays frozen in eval mode: its pooled features are computed once per image (and cached on disk
    /// when <see cref="ResNetClassifierOptions.FeatureCacheDirectory"/> is set), then only <c>fc</c> trains on them,
    /// with early stopping. Seconds rather than minutes.
    /// </summary>
    HeadOnly,
    /// <summary>
    /// <see cref="HeadOnly"/> first, then the whole network unfrozen with lower learning rates for earlier layers,
    /// a short warm-up and cosine decay, batch-norm running statistics held as stage 1 saw them, keeping the best epoch
    /// of both stages.
    /// </summary>
    TwoStage,
}
