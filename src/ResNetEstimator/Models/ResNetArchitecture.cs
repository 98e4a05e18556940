namespace MlNetResNet;

/// <summary>The ResNet family members, named after torchvision's constructors.</summary>
public enum ResNetArchitecture
{
    /// <summary>torchvision's <c>resnet18</c>.</summary>
    ResNet18,
    /// <summary>torchvision's <c>resnet34</c>.</summary>
    ResNet34,
    /// <summary>torchvision's <c>resnet50</c>.</summary>
    ResNet50,
    /// <summary>torchvision's <c>resnet101</c>.</summary>
    ResNet101,
    /// <summary>torchvision's <c>resnet152</c>.</summary>
    ResNet152,
    /// <summary>torchvision's <c>resnext50_32x4d</c>.</summary>
    ResNeXt50_32x4d,
    /// <summary>torchvision's <c>resnext101_32x8d</c>.</summary>
    ResNeXt101_32x8d,
    /// <summary>torchvision's <c>resnext101_64x4d</c>.</summary>
    ResNeXt101_64x4d,
    /// <summary>torchvision's <c>wide_resnet50_2</c>.</summary>
    WideResNet50_2,
    /// <summary>torchvision's <c>wide_resnet101_2</c>.</summary>
    WideResNet101_2,
    /// <summary>ResNet-26: bottleneck blocks, 2-2-2-2 (timm's <c>resnet26</c>; torchvision builds it as <c>ResNet(Bottleneck, [2, 2, 2, 2])</c>).</summary>
    ResNet26,
}
