namespace MlNetResNet.Imaging.Augmentation;

/// <summary>The fourteen operations of torchvision's <c>TrivialAugmentWide</c>, in its order.</summary>
internal enum TrivialAugmentOperation
{
    Identity,
    ShearX,
    ShearY,
    TranslateX,
    TranslateY,
    Rotate,
    Brightness,
    Color,
    Contrast,
    Sharpness,
    Posterize,
    Solarize,
    AutoContrast,
    Equalize,
}
