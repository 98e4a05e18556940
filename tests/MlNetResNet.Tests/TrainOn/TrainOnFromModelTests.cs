using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.TrainOn;

/// <summary><see cref="PretrainedWeights.FromModel"/>: training on from a saved model.zip.</summary>
[Collection(SavedShapesModelCollection.Name)]
public sealed class TrainOnFromModelTests(SavedShapesModelFixture saved, ITestOutputHelper output)
{
    [Fact]
    public void PlainModelSaveWritesTheNetworkEntriesNextToTheScoringChain()
    {
        using var zip = ZipFile.OpenRead(saved.ModelPath);
        var names = zip.Entries.Select(entry => entry.FullName).ToList();
        Assert.Single(names, name => name.EndsWith("/ResNetNetwork.pth", StringComparison.Ordinal));
        Assert.Single(names, name => name.EndsWith("/ResNetNetwork.json", StringComparison.Ordinal));
        foreach (var entry in zip.Entries.Where(entry => entry.Name is "ResNetNetwork.pth" or "OnnxModel"))
            output.WriteLine($"{entry.FullName}: {entry.Length / 1e6:F1} MB");
        using var network = SavedNetwork.Load(saved.ModelPath);
        Assert.Equal(SavedShapesModelFixture.OldClasses, network.ClassNames);
        Assert.Equal(ResNetArchitecture.ResNet18, network.Network.Architecture);
        Assert.Equal(32, network.ImageSize);
    }

    [Fact]
    public void TrainingOnWithNewImagesOfTheSameClassesStartsAtTheSavedModelsAccuracy()
    {
        // New images, and the classes met in the other order: square becomes label 0, so the head rows must be matched by name.
        var rows = SavedShapesModelFixture.OfClasses(ShapeImages.Write(saved.ImageFolder, perClass: 20, seed: 23), SavedShapesModelFixture.OldClasses)
            .OrderByDescending(row => row.Label).ToList();
        var validation = SavedShapesModelFixture.OfClasses(saved.TestRows, SavedShapesModelFixture.OldClasses);
        var train = saved.Ml.Data.LoadFromEnumerable(rows);
        var options = FromSavedModel();
        // One epoch that cannot move the weights (frozen backbone and BN statistics, a vanishing step): its validation
        // is the starting point.
        options.Epochs = 1;
        options.FreezeBackbone = true;
        options.LearningRate = 1e-12;
        saved.ValidatedOn(options, train, validation);

        var model = saved.Pipeline(options).Fit(train);
        using var classifier = model.LastTransformer;
        double start = classifier.TrainingHistory[0].ValidationAccuracy;
        output.WriteLine($"saved model {saved.OldClassesAccuracy:F3}, training on starts at {start:F3} (classes {string.Join(", ", classifier.ClassNames)})");
        Assert.Equal(["square", "circle"], classifier.ClassNames);
        Assert.True(saved.OldClassesAccuracy >= 0.9, $"the saved model should have learned the shapes: {saved.OldClassesAccuracy}");
        Assert.True(Math.Abs(start - saved.OldClassesAccuracy) <= 0.02, $"start {start} vs saved {saved.OldClassesAccuracy}");
    }

    [Fact]
    public void TrainingOnRefusesAnotherArchitectureAModelZipWithoutTheNetworkAndAMissingFileNamingEach()
    {
        var options = FromSavedModel();
        options.Architecture = ResNetArchitecture.ResNet34;
        var architecture = Assert.Throws<ArgumentException>(() => new ResNetTrainer(options));
        Assert.Contains("holds a ResNet18 network", architecture.Message);
        Assert.Contains("--arch resnet18", architecture.Message);

        string older = saved.CopyWithoutNetworkEntries();
        options = FromSavedModel();
        options.PretrainedPath = older;
        var withoutNetwork = Assert.Throws<InvalidDataException>(() => new ResNetTrainer(options));
        Assert.Contains(older, withoutNetwork.Message);
        Assert.Contains("carries no trainable network", withoutNetwork.Message);
        Assert.Throws<InvalidDataException>(() => SavedNetwork.Load(older));
        var explain = Assert.Throws<InvalidDataException>(() => GradCamExplainer.Load(older));
        Assert.Contains("carries no trainable network", explain.Message);

        options.PretrainedPath = saved.Folder.File("no-such-model.zip");
        var missing = Assert.Throws<FileNotFoundException>(() => new ResNetTrainer(options));
        Assert.Contains("no-such-model.zip", missing.Message);
    }

    private ResNetClassifierOptions FromSavedModel()
    {
        var options = ShapesClassifierFixture.Options();
        options.Pretrained = PretrainedWeights.FromModel;
        options.PretrainedPath = saved.ModelPath;
        return options;
    }
}
