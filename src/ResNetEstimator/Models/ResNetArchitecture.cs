namespace MlNetResNet;

/// <summary>The ResNet family members, named after torchvision's constructors.</summary>
public enum ResNetArchitecture
{
    ResNet18,
    ResNet34,
    ResNet50,
    ResNet101,
    ResNet152,
    ResNeXt50_32x4d,
    ResNeXt101_32x8d,
    ResNeXt101_64x4d,
    WideResNet50_2,
    WideResNet101_2,
}
