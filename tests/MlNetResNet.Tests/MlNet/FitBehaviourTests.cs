using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

/// <summary>Fit with a path column, an explicit validation set, and cancellation.</summary>
public class FitBehaviourTests : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-fit");
    private readonly MLContext ml = new(seed: 1);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void DisposingTheClassifierDeletesTheNetworkFileMlNetReads()
    {
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(
            ShapeImages.Classes.Select(c => new ShapeRow { Label = c })));
        var train = keys.Transform(ml.Data.LoadFromEnumerable(ShapeImages.Write(folder.Path, perClass: 3, seed: 6)));
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18, Epochs = 1, ImageSize = 32, ResizeSize = 40, BatchSize = 4,
            Device = ComputeDevice.Cpu, NumberOfThreads = 2, ImageColumnName = "ImagePath", ImageFolder = folder.Path,
            ValidationFraction = 0.25,
        };
        var before = NetworkFiles();

        var classifier = ml.Transforms.ResNetClassifier(options).Fit(train);
        var added = NetworkFiles().Except(before).ToList();
        var file = Assert.Single(added);
        Assert.True(new FileInfo(file).Length > 1_000_000, "the file does not hold the network");
        using (var stream = new MemoryStream())
            ml.Model.Save(classifier, train.Schema, stream); // ML.NET reads the file again when saving
        classifier.Dispose();

        Assert.False(File.Exists(file), $"{file} is left behind after Dispose");
    }

    private static HashSet<string> NetworkFiles() =>
        Directory.GetFiles(Path.GetTempPath(), "mlnetresnet-*.onnx").ToHashSet();

    [Fact]
    public void PathColumnWithValidationSetTrainsSavesAndLoads()
    {
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(
            ShapeImages.Classes.Select(c => new ShapeRow { Label = c })));
        var train = keys.Transform(ml.Data.LoadFromEnumerable(ShapeImages.Write(folder.Path, perClass: 4, seed: 4)));
        var validation = keys.Transform(ml.Data.LoadFromEnumerable(ShapeImages.Write(folder.Path, perClass: 2, seed: 5)));
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18,
            Epochs = 2,
            ImageSize = 32,
            ResizeSize = 40,
            BatchSize = 4,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = 2,
            ImageColumnName = "ImagePath",
            ImageFolder = folder.Path,
            ValidationSet = validation,
        };

        using var classifier = ml.Transforms.ResNetClassifier(options).Fit(train);
        var scored = classifier.Transform(validation);
        using var stream = new MemoryStream();
        ml.Model.Save(classifier, train.Schema, stream);
        stream.Position = 0;
        var loadedModel = new MLContext(seed: 2).Model.Load(stream, out _);
        using var loadedResources = loadedModel as IDisposable;
        var reloaded = loadedModel.Transform(validation);

        // Six validation images: every accuracy the history reports is a multiple of 1/6.
        Assert.All(classifier.TrainingHistory, m => Assert.Equal(0, m.ValidationAccuracy * 6 % 1, 6));
        var before = ResNetClassifierSnippetTests.Scores(scored);
        var after = ResNetClassifierSnippetTests.Scores(reloaded);
        Assert.Equal(6, before.Length);
        for (int row = 0; row < before.Length; row++)
            for (int slot = 0; slot < 3; slot++)
                Assert.Equal(before[row][slot], after[row][slot], 5);
        Assert.Equal(scored.GetColumn<uint>("PredictedLabel"), reloaded.GetColumn<uint>("PredictedLabel"));
    }

    [Fact]
    public void ValidationSetWithOtherClassesIsRejected()
    {
        var rows = ShapeImages.Write(folder.Path, perClass: 2, seed: 6);
        var train = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows))
            .Transform(ml.Data.LoadFromEnumerable(rows));
        var twoClasses = rows.Where(r => r.Label != "square").ToList();
        var validation = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(twoClasses))
            .Transform(ml.Data.LoadFromEnumerable(twoClasses));
        var options = new ResNetClassifierOptions { ImageColumnName = "ImagePath", ImageFolder = folder.Path, ValidationSet = validation };

        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.ResNetClassifier(options).Fit(train));

        Assert.Contains("ValidationSet", error.Message);
        Assert.Contains("square", error.Message);
    }

    [Fact]
    public void CancelledBeforeTheFirstEpochEndsThrowsOperationCanceled()
    {
        var rows = ShapeImages.Write(folder.Path, perClass: 2, seed: 7);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows))
            .Transform(ml.Data.LoadFromEnumerable(rows));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18,
            ImageSize = 32,
            ResizeSize = 32,
            Device = ComputeDevice.Cpu,
            ImageColumnName = "ImagePath",
            ImageFolder = folder.Path,
            CancellationToken = cancellation.Token,
        };

        Assert.ThrowsAny<OperationCanceledException>(() => ml.Transforms.ResNetClassifier(options).Fit(data));
    }
}
