using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.TrainOn;

/// <summary>The tests that train on from one saved two-class shapes model.</summary>
[CollectionDefinition(Name)]
public sealed class SavedShapesModelCollection : ICollectionFixture<SavedShapesModelFixture>
{
    public const string Name = "Saved two-class shapes model";
}

/// <summary>
/// A ResNet-18 trained on 32 px circles and squares only (the shapes fixture's recipe), saved with plain
/// <c>ml.Model.Save</c>, and its accuracy on held-out images of those two classes.
/// </summary>
public sealed class SavedShapesModelFixture : IDisposable
{
    public static readonly string[] OldClasses = ["circle", "square"];

    public SavedShapesModelFixture()
    {
        ImageFolder = Folder.File("images");
        var trainRows = OfClasses(ShapeImages.Write(ImageFolder, perClass: 40, seed: 21), OldClasses);
        TestRows = ShapeImages.Write(ImageFolder, perClass: 25, seed: 22);
        var train = Ml.Data.LoadFromEnumerable(trainRows);
        var model = Pipeline(ShapesClassifierFixture.Options()).Fit(train);
        using var classifier = model.LastTransformer;
        ModelPath = Folder.File("old-model.zip");
        Ml.Model.Save(model, train.Schema, ModelPath);
        OldClassesAccuracy = Accuracy(model, OfClasses(TestRows, OldClasses));
    }

    public TempFolder Folder { get; } = new("mlnetresnet-trainon");
    public MLContext Ml { get; } = new(seed: 1);
    public string ImageFolder { get; }
    public string ModelPath { get; }

    /// <summary>Held-out images of all three shapes (triangles are the class the saved model never saw).</summary>
    public List<ShapeRow> TestRows { get; }

    /// <summary>The saved model's accuracy on the held-out circles and squares.</summary>
    public double OldClassesAccuracy { get; }

    public IEstimator<ITransformer> Preprocessing() =>
        Ml.Transforms.Conversion.MapValueToKey("Label").Append(Ml.Transforms.LoadImages("Image", ImageFolder, "ImagePath"));

    public EstimatorChain<ResNetClassifierTransformer> Pipeline(ResNetClassifierOptions options) =>
        Preprocessing().Append(Ml.Transforms.ResNetClassifier(options));

    /// <summary><paramref name="options"/> with a validation set of <paramref name="validationRows"/> keyed as <paramref name="train"/> is.</summary>
    public ResNetClassifierOptions ValidatedOn(ResNetClassifierOptions options, IDataView train, List<ShapeRow> validationRows)
    {
        options.ValidationSet = Preprocessing().Fit(train).Transform(Ml.Data.LoadFromEnumerable(validationRows));
        return options;
    }

    /// <summary>Fraction of <paramref name="rows"/> whose predicted class name is their label.</summary>
    public double Accuracy(ITransformer model, List<ShapeRow> rows) => Accuracy(Ml, model, rows);

    /// <summary>Fraction of <paramref name="rows"/> whose predicted class name is their label.</summary>
    public static double Accuracy(MLContext ml, ITransformer model, List<ShapeRow> rows)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        var predicted = ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel").Fit(scored).Transform(scored)
            .GetColumn<string>("PredictedClass").ToList();
        return rows.Zip(predicted).Count(pair => pair.First.Label == pair.Second) / (double)rows.Count;
    }

    public static List<ShapeRow> OfClasses(IEnumerable<ShapeRow> rows, IReadOnlyCollection<string> classes) =>
        rows.Where(row => classes.Contains(row.Label)).ToList();

    /// <summary>A copy of the saved model without the network entries: what an older version of the library wrote.</summary>
    public string CopyWithoutNetworkEntries()
    {
        string copy = Folder.File($"old-format-{Guid.NewGuid():N}.zip");
        File.Copy(ModelPath, copy);
        using var zip = ZipFile.Open(copy, ZipArchiveMode.Update);
        foreach (var entry in zip.Entries.Where(entry => entry.Name.StartsWith("ResNetNetwork.", StringComparison.Ordinal)).ToList())
            entry.Delete();
        return copy;
    }

    public void Dispose() => Folder.Dispose();
}
