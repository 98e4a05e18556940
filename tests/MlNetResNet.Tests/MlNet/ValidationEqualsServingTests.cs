using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Imaging;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;
using MlNetResNet.Tests.Imaging;
using MlNetResNet.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.MlNet;

/// <summary>
/// The validation score the trainer reports, and the epoch it picks, is the score of the model.zip it saves: the
/// best epoch's validation log-loss equals ML.NET's Evaluate of the saved, reloaded model on the same folder.
/// </summary>
public class ValidationEqualsServingTests(ITestOutputHelper output) : IDisposable
{
    private const double LogLossTolerance = 0.002;
    private readonly TempFolder folder = new("mlnetresnet-skew");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void BestEpochLossEqualsTheSavedModelsLogLossOnOddButValidImages()
    {
        string root = folder.File("odd");
        foreach (var (name, index) in OddImages.Classes.Select((name, index) => (name, index)))
        {
            OddImages.WritePlain(Path.Combine(root, "train", name), name, count: 12, seed: 10 + index);
            OddImages.Write(Path.Combine(root, "val", name), name, perKind: 2, seed: 20 + index);
        }

        var (trainer, saved) = TrainSaveAndEvaluate(root, expectedValidationImages: 2 * 2 * OddImages.Kinds.Length);

        Assert.InRange(Math.Abs(trainer.LogLoss - saved.LogLoss), 0, LogLossTolerance);
        Assert.Equal(trainer.Accuracy, saved.Accuracy, 6);
    }

    [Fact]
    public void BestEpochLossEqualsTheSavedModelsLogLossOnTheBundledFlowers()
    {
        string root = folder.File("flowers");
        SyntheticFlowerGenerator.Generate(root, new SyntheticFlowerOptions { TrainPerClass = 8, ValidationPerClass = 4, ImageSize = 64 });

        var (trainer, saved) = TrainSaveAndEvaluate(root, expectedValidationImages: 5 * 4);

        Assert.InRange(Math.Abs(trainer.LogLoss - saved.LogLoss), 0, LogLossTolerance);
        Assert.Equal(trainer.Accuracy, saved.Accuracy, 6);
    }

    // Stage 1 computes the validation rows' features from the pixels the saved chain produced, so the head's
    // validation loss is the saved model's log-loss too.
    [Theory]
    [InlineData(FineTuningMode.HeadOnly)]
    [InlineData(FineTuningMode.TwoStage)]
    public void StagedRunsReportTheSavedModelsLogLossOnOddButValidImages(FineTuningMode mode)
    {
        string root = folder.File($"odd-{mode}");
        foreach (var (name, index) in OddImages.Classes.Select((name, index) => (name, index)))
        {
            OddImages.WritePlain(Path.Combine(root, "train", name), name, count: 12, seed: 10 + index);
            OddImages.Write(Path.Combine(root, "val", name), name, perKind: 2, seed: 20 + index);
        }

        var (trainer, saved) = TrainSaveAndEvaluate(root, expectedValidationImages: 2 * 2 * OddImages.Kinds.Length, mode);

        Assert.InRange(Math.Abs(trainer.LogLoss - saved.LogLoss), 0, LogLossTolerance);
        Assert.Equal(trainer.Accuracy, saved.Accuracy, 6);
    }

    [Fact]
    public void TheValidationPassDecodesEachHeldOutRowOnceAndNoTrainingRow()
    {
        var ml = new MLContext(seed: 1);
        var rows = ShapeImages.Write(folder.Path, perClass: 8, seed: 4);
        var reads = new ReadCounter();
        var data = CountedImageRow.DataView(ml, folder.Path, rows, reads);
        var options = TinyClassifier.Options();
        options.Epochs = 2;

        using var classifier = ml.Transforms.ResNetClassifier(options).Fit(data);

        // The scan reads every row once (these MLImages have no file, so their pixels are kept); the validation pass
        // then reads the 2 held-out rows of each of the 3 classes once, for both epochs.
        Assert.Equal(rows.Count + 3 * 2, reads.Count);
        Assert.Equal(2, classifier.TrainingHistory.Count);
    }

    [Theory]
    [MemberData(nameof(OddKinds))]
    public void TrainingDecodeSeesTheColoursAndOrientationTheSavedModelSees(string kind)
    {
        OddImages.Write(folder.Path, "warm", perKind: 1, seed: 3);
        string path = Path.Combine(folder.Path, $"00-{kind}");

        using var training = ImageDecoder.Decode(path);
        using var serving = MLImage.CreateFromFile(path);

        // EXIF orientation ignored by both (the rotated JPEG stays 64x40); transparency composited on black by both.
        Assert.Equal((serving.Width, serving.Height), (training.Width, training.Height));
        int largest = LargestChannelDifference(training, serving);
        output.WriteLine($"{kind}: {training.Width}x{training.Height}, largest channel difference {largest}");
        // PNG decoders agree exactly; JPEG decoders differ by their IDCT and colour-conversion rounding only.
        Assert.InRange(largest, 0, kind.EndsWith(".png", StringComparison.Ordinal) ? 1 : 4);
    }

    public static TheoryData<string> OddKinds() => [.. OddImages.Kinds];

    private (Metrics Trainer, Metrics Saved) TrainSaveAndEvaluate(string root, int expectedValidationImages,
        FineTuningMode mode = FineTuningMode.Full)
    {
        var ml = new MLContext(seed: 1);
        var options = TinyClassifier.Options();
        options.Epochs = 2;
        options.FineTuning = mode;
        // A resize larger than the crop, so the graph's center crop is part of what is compared.
        options.ResizeSize = 40;
        options.BatchSize = 8;
        options.LearningRate = 1e-3;
        options.InvalidImages = InvalidImagePolicy.Throw;
        string modelPath = folder.File($"{Path.GetFileName(root)}.zip");
        EpochMetrics best;
        using (var trained = ImageClassificationPipeline.TrainFromFolder(ml, root, options))
        {
            var classifier = trained.Classifier!;
            Assert.Empty(classifier.SkippedImages);
            best = classifier.TrainingHistory.Single(epoch => epoch.Epoch == classifier.BestEpoch);
            trained.Save(modelPath);
        }
        using var model = ImageClassifierModel.Load(new MLContext(seed: 1), modelPath);
        var validation = ImageFolderDataset.Read(Path.Combine(root, "val"));
        Assert.Equal(expectedValidationImages, validation.Rows.Count);
        var metrics = model.MLContext.MulticlassClassification.Evaluate(model.Score(validation));

        output.WriteLine($"trainer best epoch {best.Epoch}: val loss {best.ValidationLoss:F5}, accuracy {best.ValidationAccuracy:F4}; " +
            $"saved model: log-loss {metrics.LogLoss:F5}, accuracy {metrics.MicroAccuracy:F4}");
        return (new Metrics(best.ValidationLoss, best.ValidationAccuracy), new Metrics(metrics.LogLoss, metrics.MicroAccuracy));
    }

    private static int LargestChannelDifference(Image<Rgb24> training, MLImage serving)
    {
        var pixels = serving.Pixels;
        bool bgra = serving.PixelFormat == MLPixelFormat.Bgra32;
        int largest = 0;
        for (int y = 0; y < training.Height; y++)
        for (int x = 0; x < training.Width; x++)
        {
            int offset = 4 * (y * serving.Width + x);
            var expected = training[x, y];
            int r = pixels[offset + (bgra ? 2 : 0)], g = pixels[offset + 1], b = pixels[offset + (bgra ? 0 : 2)];
            largest = Math.Max(largest, Math.Max(Math.Abs(r - expected.R), Math.Max(Math.Abs(g - expected.G), Math.Abs(b - expected.B))));
        }
        return largest;
    }

    private sealed record Metrics(double LogLoss, double Accuracy);
}
