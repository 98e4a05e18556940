namespace MlNetResNet;

/// <summary>
/// The trainer's only link to the weight importers in Weights/ (the .pth reader and the ImageNet ResNet-18
/// import). Each method loads every backbone weight into <paramref name="network"/> and leaves its new
/// <c>fc</c> (sized for this task's classes) as initialised.
/// </summary>
internal static class PretrainedWeightsSeam
{
    /// <summary>Loads conv/bn/layer weights from a PyTorch state-dict file; <c>fc.*</c> entries are not used.</summary>
    public static void LoadBackboneFromPth(ResNet network, string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Pretrained weights file '{path}' (PretrainedPath) does not exist.", path);
        throw new InvalidOperationException(
            $"Cannot load '{path}': the PyTorch .pth reader (Weights/) is not part of this build yet.");
    }

    /// <summary>Loads the ImageNet ResNet-18 backbone shipped with Microsoft.ML.DnnImageFeaturizer.ResNet18.</summary>
    public static void LoadImageNetResNet18Backbone(ResNet network) =>
        throw new InvalidOperationException(
            "Cannot load ImageNet ResNet-18 weights: the ONNX weight import (Weights/) is not part of this build yet.");
}
