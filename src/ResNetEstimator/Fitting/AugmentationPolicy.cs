namespace MlNetResNet;

/// <summary>What the training images go through after RandomResizedCrop and the random horizontal flip.</summary>
public enum AugmentationPolicy
{
    /// <summary>Nothing more: the seed recipe (RandomResizedCrop + flip).</summary>
    CropFlip,

    /// <summary>Then torchvision's TrivialAugmentWide: one of 14 operations per image at a random magnitude of 31 bins.</summary>
    TrivialAugment,

    /// <summary>Then TrivialAugmentWide, and after normalisation RandomErasing (p = 0.5, 2–33% of the area, ratio 0.3–3.3).</summary>
    TrivialAugmentErasing,
}
