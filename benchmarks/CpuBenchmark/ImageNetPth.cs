using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// The ImageNet ResNet-18 that our side starts from (imported from Microsoft.ML.DnnImageFeaturizer.ResNet18's
/// ONNX graph), written once as a PyTorch state dict so that the peer starts from the very same weights.
/// </summary>
internal static class ImageNetPth
{
    public static string Ensure(string dataRoot)
    {
        string path = Path.Combine(dataRoot, "imagenet-resnet18-dnnimagefeaturizer.pth");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(dataRoot);
        using var network = ImageNetWeights.CreateResNet18();
        string partial = path + ".partial";
        network.SavePyTorchWeights(partial);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
