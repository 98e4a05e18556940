using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

/// <summary>A mistake in the options or columns is reported by Fit before a single image is decoded.</summary>
public class FailEarlyTests : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-failearly");
    private readonly MLContext ml = new(seed: 1);
    private readonly ReadCounter reads = new();
    private readonly List<ShapeRow> rows;

    public FailEarlyTests() => rows = ShapeImages.Write(folder.Path, perClass: 4, seed: 5);

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> BadOptions() =>
    [
        "ValidationFraction=1.5", "ValidationFraction=-0.1", "ValidationFraction=NaN", "Epochs=0", "Architecture=99",
        "Optimizer=7", "Device=5", "PretrainedPath=missing", "ValidationSet=other classes",
    ];

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void AnOptionOutOfRangeIsRefusedBeforeAnyImageIsRead(string bad)
    {
        var options = Tiny();
        string named = bad.Split('=')[0];
        switch (bad)
        {
            case "ValidationFraction=1.5": options.ValidationFraction = 1.5; break;
            case "ValidationFraction=-0.1": options.ValidationFraction = -0.1; break;
            case "ValidationFraction=NaN": options.ValidationFraction = double.NaN; break;
            case "Epochs=0": options.Epochs = 0; break;
            case "Architecture=99": options.Architecture = (ResNetArchitecture)99; break;
            case "Optimizer=7": options.Optimizer = (ResNetOptimizer)7; break;
            case "Device=5": options.Device = (ComputeDevice)5; break;
            case "PretrainedPath=missing":
                options.Pretrained = PretrainedWeights.File;
                options.PretrainedPath = folder.File("no-such.pth");
                named = "no-such.pth";
                break;
            case "ValidationSet=other classes":
                options.ValidationSet = CountedImages(rows.Where(r => r.Label != "triangle"));
                named = "ValidationSet";
                break;
        }

        var error = Assert.ThrowsAny<Exception>(() => ml.Transforms.ResNetClassifier(options).Fit(CountedImages(rows)));

        Assert.True(error is ArgumentException or FileNotFoundException, error.ToString());
        Assert.Contains(named, error.Message);
        Assert.Equal(0, reads.Count);
    }

    [Fact]
    public void EncodedBytesAreRefusedAtTheStartOfFitWithTheWayToASaveableModel()
    {
        var bytes = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadRawImageBytes("Image", folder.Path, "ImagePath"))
            .Fit(Data()).Transform(Data());
        var estimator = ml.Transforms.ResNetClassifier(Tiny());

        var atFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(bytes));
        var atSchema = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ConformanceTests.ShapeOf(bytes.Schema)));

        foreach (var error in new[] { atFit, atSchema })
        {
            Assert.Contains("'Image'", error.Message);
            Assert.Contains("LoadRawImageBytes", error.Message);
            Assert.Contains("LoadImages(", error.Message);
        }
    }

    [Fact]
    public void AMissingImageFolderIsRefusedBeforeTraining()
    {
        var options = Tiny();
        options.ImageColumnName = "ImagePath";
        options.ImageFolder = folder.File("not-there");
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Data()).Transform(Data());

        var error = Assert.Throws<DirectoryNotFoundException>(() => ml.Transforms.ResNetClassifier(options).Fit(data));

        Assert.Contains("not-there", error.Message);
    }

    private IDataView Data() => ml.Data.LoadFromEnumerable(rows);

    private IDataView CountedImages(IEnumerable<ShapeRow> source) => CountedImageRow.DataView(ml, folder.Path, source, reads);

    private static ResNetClassifierOptions Tiny() => TinyClassifier.Options();
}
