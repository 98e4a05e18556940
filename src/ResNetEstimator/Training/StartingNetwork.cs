using MlNetResNet.Models;
using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Training;

/// <summary>
/// Builds the network training starts from, and is the trainer's only link to the weight importers in
/// Weights/ (the .pth reader and the ImageNet ResNet-18 import) and to a saved model.zip's network
/// (<see cref="SavedModelStart"/>): each is called on exactly one line. The new <c>fc</c> always has
/// <c>numClasses</c> outputs and is initialised from the torch seed set before this call.
/// </summary>
internal static class StartingNetwork
{
    /// <param name="options">The run's options.</param>
    /// <param name="numClasses">Outputs of the new <c>fc</c>.</param>
    /// <param name="classNames">This run's class names in label order, when known: a saved model's <c>fc</c> rows are
    /// matched to them by name.</param>
    public static ResNet Create(ResNetClassifierOptions options, int numClasses, IReadOnlyList<string>? classNames = null)
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
            case PretrainedWeights.FromModel:
                return SavedModelStart.CreateNetwork(options.PretrainedPath!, options.Architecture, numClasses, classNames);
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
