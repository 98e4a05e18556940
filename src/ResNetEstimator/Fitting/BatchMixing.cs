namespace MlNetResNet;

/// <summary>Whether training images are mixed pairwise within a batch, with targets mixed in the same proportion.</summary>
public enum BatchMixing
{
    /// <summary>No mixing: hard (or label-smoothed) targets.</summary>
    None,

    /// <summary>
    /// timm's Mixup/CutMix for every batch: with probability ½ Mixup (λ ~ Beta(0.8, 0.8), the batch blended with itself
    /// reversed), else CutMix (λ ~ Beta(1, 1), a box pasted from the reversed batch, λ corrected to the box's area). The
    /// targets are the smoothed one-hots mixed by λ. Off after <see cref="ResNetTrainerOptions.MixupOffEpoch"/>.
    /// </summary>
    MixupCutMix,
}
