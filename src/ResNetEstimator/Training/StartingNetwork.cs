using MlNetResNet.Models;
using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Training;

/// <summary>
/// Builds the network training starts from, and is the trainer's only link to the weight importers in
/// Weights/ (the .pth reader and the ImageNet ResNet-18 import): each importer is called on exactly one line,
/// in <see cref="LoadPth"/> and <see cref="CreateImageNetResNet18"/>. The new <c>fc</c> always has
/// <c>numClasses</c> outputs and is initialised from the torch seed set before this call.
/// </summary>
internal static class StartingNetwork
{
    public static ResNet Create(ResNetClassifierOptions options, int numClasses)
    {
        switch (options.Pretrained)
        {
            case PretrainedWeights.None:
                return ResNet.Create(options.Architecture, numClasses);
            case PretrainedWeights.File:
                string path = options.PretrainedPath!;
                if (!File.Exists(path))
                    throw new FileNotFoundException($"Pretrained weights file '{path}' (PretrainedPath) does not exist.", path);
                var network = ResNet.Create(options.Architecture, numClasses);
                try
                {
                    LoadPth(network, path);
                }
                catch
                {
                    network.Dispose();
                    throw;
                }
                return network;
            case PretrainedWeights.ImageNet:
                // The offline ImageNet graph fixes the block layout, so it builds the network itself.
                return CreateImageNetResNet18(numClasses);
            default:
                throw UnknownEnumValue.Error(nameof(options.Pretrained), options.Pretrained);
        }
    }

    /// <summary>Loads every backbone weight of a PyTorch state dict; a <c>fc</c> of another class count is skipped.</summary>
    private static void LoadPth(ResNet network, string path) => network.LoadPyTorchWeights(path, strict: true);

    /// <summary>ResNet-18 with the ImageNet weights of Microsoft.ML.DnnImageFeaturizer.ResNet18 and a new fc.</summary>
    private static ResNet CreateImageNetResNet18(int numClasses) => ImageNetWeights.CreateResNet18(numClasses);
}
