namespace MlNetResNet;

/// <summary>Starting weights of the backbone.</summary>
public enum PretrainedWeights
{
    /// <summary>Random (kaiming) initialisation.</summary>
    None,
    /// <summary>
    /// ImageNet ResNet-18 from the offline ONNX file of Microsoft.ML.DnnImageFeaturizer.ResNet18 (ResNet18 only). The
    /// network takes that file's layout, 2-2-2-3 blocks (one more in the last stage than torchvision's 2-2-2-2), so a
    /// <c>.pth</c> saved from it loads into <c>torchvision.models.resnet.ResNet(BasicBlock, [2, 2, 2, 3])</c>, not
    /// into <c>resnet18()</c>.
    /// </summary>
    ImageNet,
    /// <summary>A PyTorch <c>.pth</c> state dict at <see cref="ResNetClassifierOptions.PretrainedPath"/>.</summary>
    File,
}
