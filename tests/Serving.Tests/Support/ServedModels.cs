using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Serving.Tests.Support;

/// <summary>Every test class shares one pair of trained models (training is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class ServedModelsCollection : ICollectionFixture<ServedModels>
{
    public const string Name = "Served models";
}

/// <summary>
/// Two model.zip files of one-epoch ResNet-18s at 32 px (resize 32, so a 32 px image reaches the graph unresized) on
/// tiny synthetic flowers, trained with different seeds so their files (and versions) differ; plus small test images.
/// </summary>
public sealed class ServedModels : IDisposable
{
    public ServedModels()
    {
        string data = Folder.File("flower_data");
        SyntheticFlowerGenerator.Generate(data, new SyntheticFlowerOptions { TrainPerClass = 2, ValidationPerClass = 1, ImageSize = 32 });
        Train(data, seed: 3, ModelA);
        Train(data, seed: 4, ModelB);
        ValidationImages = TrainingFolders.Resolve(data).Validation.Rows.Select(row => row.ImagePath).ToList();
        using var model = ImageClassifierModel.Load(new MLContext(seed: 1), ModelA);
        ClassNames = model.ClassNames;
    }

    public TempFolder Folder { get; } = new("mlnetresnet-serving");
    public string ModelA => Folder.File("a.zip");
    public string ModelB => Folder.File("b.zip");
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>32 px JPEGs the models were not trained on, one per class.</summary>
    public IReadOnlyList<string> ValidationImages { get; }

    /// <summary>A copy of model A under a new folder, for a server whose file a test replaces.</summary>
    public string CopyOfModelA(TempFolder folder, string name = "flowers.zip")
    {
        string path = folder.File(name);
        File.Copy(ModelA, path, overwrite: true);
        return path;
    }

    public void Dispose() => Folder.Dispose();

    private static void Train(string data, int seed, string path)
    {
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18, Epochs = 1, ImageSize = 32, ResizeSize = 32, BatchSize = 8, Seed = seed,
            NumberOfThreads = 2, Pretrained = PretrainedWeights.None,
        };
        using var model = ImageClassificationPipeline.TrainFromFolder(new MLContext(seed: 1), data, options);
        model.Save(path);
    }
}
