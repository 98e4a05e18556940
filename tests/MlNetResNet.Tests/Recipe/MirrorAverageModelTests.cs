using MlNetResNet.Training.Calibration;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Tests.Support;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.Recipe;

/// <summary>A model fitted with test-time augmentation: its model.zip averages the mirror image wherever it is loaded.</summary>
public sealed class MirrorAverageModelTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-tta");

    [Fact]
    public void TheSavedModelScoresWithTheMirrorAverageInProcessAfterReloadAndInAForeignApp()
    {
        var ml = new MLContext(seed: 1);
        string images = folder.File("images");
        var trainRows = ShapeImages.Write(images, perClass: 12, seed: 31);
        var validationRows = ShapeImages.Write(images, perClass: 6, seed: 32);
        var train = ml.Data.LoadFromEnumerable(trainRows);
        var preprocessing = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.LoadImages("Image", images, "ImagePath"));
        var options = TinyClassifier.Options();
        options.Recipe = TrainingRecipe.Seed;
        options.TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip;
        options.Calibration = ProbabilityCalibration.Temperature;
        options.ValidationSet = preprocessing.Fit(train).Transform(ml.Data.LoadFromEnumerable(validationRows));

        var model = preprocessing.Append(ml.Transforms.ResNetClassifier(options)).Fit(train);
        using var classifier = model.LastTransformer;
        string modelPath = folder.File("model.zip");
        ml.Model.Save(model, train.Schema, modelPath);

        var validation = ml.Data.LoadFromEnumerable(validationRows);
        var inProcess = model.Transform(validation).GetColumn<float[]>(ResNetColumnNames.Score).ToArray();
        // The calibration was fitted on the trainer's mirror-averaged validation logits: the saved model's own scores of
        // those images have the same calibration error, so the graph computes what validation computed.
        var labels = validationRows.Select(row => Array.IndexOf(ShapeImages.Classes, row.Label)).ToList();
        var calibration = classifier.Calibration!;
        output.WriteLine($"T {calibration.Temperature:F3}, ECE {calibration.EceBefore:F4} -> {calibration.EceAfter:F4}");
        Assert.Equal(calibration.EceAfter, CalibrationMetrics.ExpectedCalibrationError(inProcess, labels), 3);

        var reloaded = new MLContext(seed: 2).Model.Load(modelPath, out _);
        var afterReload = reloaded.Transform(validation).GetColumn<float[]>(ResNetColumnNames.Score).ToArray();
        var consumer = ModelConsumerProcess.Run(modelPath, validationRows, folder.Path);
        for (int row = 0; row < inProcess.Length; row++)
        for (int slot = 0; slot < inProcess[row].Length; slot++)
        {
            Assert.True(Math.Abs(inProcess[row][slot] - afterReload[row][slot]) <= 1e-5, $"row {row} slot {slot} after reload");
            Assert.True(Math.Abs(inProcess[row][slot] - consumer.Transform[row].Score[slot]) <= 1e-5,
                $"row {row} slot {slot}: in-process {inProcess[row][slot]}, foreign app {consumer.Transform[row].Score[slot]}");
        }
    }

    public void Dispose() => folder.Dispose();
}
