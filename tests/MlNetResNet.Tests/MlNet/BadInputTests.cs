using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

/// <summary>Wrong input gives a clear exception naming the column or file, never a crash or a hang.</summary>
public class BadInputTests : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-badinput");
    private readonly MLContext ml = new(seed: 1);
    private readonly List<ShapeRow> rows;

    public BadInputTests() => rows = ShapeImages.Write(folder.Path, perClass: 4, seed: 3);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void LabelThatIsNotAKeyIsRejectedWithAHintToMapValueToKey()
    {
        var data = ml.Transforms.LoadImages("Image", folder.Path, "ImagePath").Fit(Data()).Transform(Data());
        var estimator = ml.Transforms.ResNetClassifier(Tiny());

        var atFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        var beforeFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(ConformanceTests.ShapeOf(data.Schema)));

        foreach (var error in new[] { atFit, beforeFit })
        {
            Assert.Contains("'Label'", error.Message);
            Assert.Contains("MapValueToKey", error.Message);
            Assert.Contains("String", error.Message);
        }
    }

    [Fact]
    public void ImageColumnOfAnotherTypeIsRejectedNamingExpectedAndActualTypes()
    {
        var data = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Conversion.MapValueToKey("Image", "ImagePath"))
            .Fit(Data()).Transform(Data());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ResNetClassifier(Tiny()).Fit(data));

        Assert.Contains("'Image'", error.Message);
        Assert.Contains("LoadImages", error.Message);
        Assert.Contains("Key<UInt32", error.Message);
    }

    [Fact]
    public void MissingImageColumnIsRejectedListingTheColumnsPresent()
    {
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Data()).Transform(Data());
        var options = Tiny();
        options.ImageColumnName = "Picture";

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ResNetClassifier(options).Fit(data));

        Assert.Contains("'Picture'", error.Message);
        Assert.Contains("ImagePath", error.Message);
    }

    [Fact]
    public void OneClassIsRejected()
    {
        var oneClass = ml.Data.LoadFromEnumerable(rows.Where(r => r.Label == "circle"));
        var data = Prepared(oneClass);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.ResNetClassifier(Tiny()).Fit(data));

        Assert.Contains("'Label'", error.Message);
        Assert.Contains("at least 2", error.Message);
    }

    [Fact]
    public void EmptyDataIsRejected()
    {
        var data = Prepared(ml.Data.LoadFromEnumerable(new List<ShapeRow>()));

        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.ResNetClassifier(Tiny()).Fit(data));

        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void MissingPthFileIsNamed()
    {
        var options = Tiny();
        options.Pretrained = PretrainedWeights.File;
        options.PretrainedPath = folder.File("no-such-weights.pth");

        var error = Assert.ThrowsAny<Exception>(() => ml.Transforms.ResNetClassifier(options).Fit(Prepared(Data())));

        Assert.True(error is FileNotFoundException or ArgumentException, error.ToString());
        Assert.Contains("no-such-weights.pth", error.Message);
    }

    [Fact]
    public void UndecodableImageFileIsSkippedAndCountedByDefault()
    {
        using var classifier = ml.Transforms.ResNetClassifier(Tiny(pathColumn: true)).Fit(PreparedWithBrokenFile());

        var skipped = Assert.Single(classifier.SkippedImages);
        Assert.Contains("broken.png", skipped);
        Assert.True(classifier.TrainingHistory.Single().SkippedImages >= 1);
    }

    [Fact]
    public void UndecodableImageFileThrowsNamingThePathWhenAskedTo()
    {
        var options = Tiny(pathColumn: true);
        options.InvalidImages = InvalidImagePolicy.Throw;
        // Every row of the broken class holds the same file, so the first batch meets it.
        var data = PreparedWithBrokenFile();

        var error = Assert.Throws<InvalidImageException>(() => ml.Transforms.ResNetClassifier(options).Fit(data));

        Assert.Contains("broken.png", error.Message);
    }

    [Fact]
    public void UndecodableImageBehindLoadImagesIsSkippedAndCounted()
    {
        File.WriteAllBytes(folder.File("broken.png"), [1, 2, 3, 4, 5]);
        var withBroken = rows.Append(new ShapeRow { ImagePath = "broken.png", Label = "square" }).ToList();

        using var classifier = ml.Transforms.ResNetClassifier(Tiny()).Fit(Prepared(ml.Data.LoadFromEnumerable(withBroken)));

        var skipped = Assert.Single(classifier.SkippedImages);
        Assert.Contains($"row {withBroken.Count - 1}", skipped);
    }

    private IDataView Data() => ml.Data.LoadFromEnumerable(rows);

    private IDataView Prepared(IDataView data) => ml.Transforms.Conversion.MapValueToKey("Label")
        .Append(ml.Transforms.LoadImages("Image", folder.Path, "ImagePath"))
        .Fit(data).Transform(data);

    // A path column (no LoadImages), so the broken file reaches the trainer's decoder.
    private IDataView PreparedWithBrokenFile()
    {
        File.WriteAllBytes(folder.File("broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 1, 2, 3]);
        var data = ml.Data.LoadFromEnumerable(rows.Select((r, i) => i == 1 ? new ShapeRow { ImagePath = "broken.png", Label = r.Label } : r));
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    private ResNetClassifierOptions Tiny(bool pathColumn = false)
    {
        var options = TinyClassifier.Options();
        options.ImageColumnName = pathColumn ? "ImagePath" : "Image";
        options.ImageFolder = pathColumn ? folder.Path : null;
        return options;
    }
}
