using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

/// <summary>The tests that share one fitted shapes classifier.</summary>
[CollectionDefinition(Name)]
public sealed class ShapesClassifierCollection : ICollectionFixture<ShapesClassifierFixture>
{
    public const string Name = "Shapes classifier";
}

/// <summary>
/// Fits the pipeline once for all the tests that read a trained model: MapValueToKey → LoadImages →
/// ResNetClassifier (ResNet-18, 32 px drawn shapes, a few epochs) on 3 × 40 training images; 3 × 15 test images.
/// </summary>
public sealed class ShapesClassifierFixture : IDisposable
{
    public const int Epochs = 6;

    public ShapesClassifierFixture()
    {
        ImageFolder = Folder.File("images");
        TrainRows = ShapeImages.Write(ImageFolder, perClass: 40, seed: 1);
        TestRows = ShapeImages.Write(ImageFolder, perClass: 15, seed: 2);
        Train = Ml.Data.LoadFromEnumerable(TrainRows);
        Test = Ml.Data.LoadFromEnumerable(TestRows);

        var pipeline = Ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(Ml.Transforms.LoadImages("Image", ImageFolder, "ImagePath"))
            .Append(Ml.Transforms.ResNetClassifier(Options()));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Model = pipeline.Fit(Train);
        FitSeconds = watch.Elapsed.TotalSeconds;
        Classifier = Model.LastTransformer;
        Scored = Model.Transform(Test);
    }

    public TempFolder Folder { get; } = new("mlnetresnet-shapes");
    public string ImageFolder { get; }
    public MLContext Ml { get; } = new(seed: 1);
    public List<ShapeRow> TrainRows { get; }
    public List<ShapeRow> TestRows { get; }
    public IDataView Train { get; }
    public IDataView Test { get; }
    public TransformerChain<ResNetClassifierTransformer> Model { get; }
    public ResNetClassifierTransformer Classifier { get; }
    public IDataView Scored { get; }
    public double FitSeconds { get; }

    /// <summary>The recipe scaled to 32 px images and two cores.</summary>
    public static ResNetClassifierOptions Options() => new()
    {
        Architecture = ResNetArchitecture.ResNet18,
        Epochs = Epochs,
        ImageSize = 32,
        ResizeSize = 32,
        BatchSize = 8,
        LearningRate = 1e-3,
        RandomCropScale = (0.7, 1.0),
        ValidationFraction = 0.1,
        Device = ComputeDevice.Cpu,
        NumberOfThreads = 2,
        Seed = 1,
    };

    public void Dispose()
    {
        Classifier.Dispose();
        Folder.Dispose();
    }
}
