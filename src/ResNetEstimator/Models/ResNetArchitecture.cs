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
    /// <summary>ResNet-26: bottleneck blocks, 2-2-2-2 (timm's <c>resnet26</c>; torchvision builds it as <c>ResNet(Bottleneck, [2, 2, 2, 2])</c>).</summary>
    ResNet26,
}
