using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Export;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Tests.Support;
using Xunit.Abstractions;
using MlNetResNet.Training.Calibration;

namespace MlNetResNet.Tests.Calibration;

/// <summary>
/// An over-confident tiny model: ResNet-18 trained on clean 32 px shapes, so it is near-certain, and validated on shapes
/// a quarter of whose labels are wrong, so a quarter of its near-certain answers count as mistakes there. Temperature
/// scaling on that validation set must remove most of the gap, and the saved model.zip must carry the temperature.
/// </summary>
public sealed class CalibratedClassifierTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-calibration");

    [Fact]
    public void TemperatureScalingHalvesTheCalibrationErrorAndTheSavedModelScoresCalibratedInAForeignApp()
    {
        var ml = new MLContext(seed: 1);
        string images = folder.File("images");
        var trainRows = ShapeImages.Write(images, perClass: 40, seed: 11);
        var validationRows = WithWrongLabels(ShapeImages.Write(images, perClass: 150, seed: 13), everyNth: 4);
        var testRows = ShapeImages.Write(images, perClass: 4, seed: 12);
        var shapes = new ShapesWithValidationSet(ml, images, trainRows, validationRows);
        var train = shapes.Train;
        shapes.Options.Epochs = 10;
        // The last epoch, not the best: the longer a net trains on clean labels, the surer it gets everywhere.
        shapes.Options.KeepBestEpoch = false;
        shapes.Options.Calibration = ProbabilityCalibration.Temperature;

        var model = shapes.Fit(ml);
        using var classifier = model.LastTransformer;

        foreach (var epoch in classifier.TrainingHistory)
            output.WriteLine($"epoch {epoch.Epoch}: train loss {epoch.TrainLoss:F3}, val loss {epoch.ValidationLoss:F3}, val accuracy {epoch.ValidationAccuracy:F3}");
        var calibration = Assert.IsType<CalibrationResult>(classifier.Calibration);
        output.WriteLine($"T {calibration.Temperature:F3}, ECE {calibration.EceBefore:F4} -> {calibration.EceAfter:F4}, " +
                         $"NLL {calibration.NllBefore:F4} -> {calibration.NllAfter:F4} on {calibration.Images} validation images");
        Assert.Equal(validationRows.Count, calibration.Images);
        Assert.True(calibration.Temperature > 1, $"an over-confident model needs T > 1, got {calibration.Temperature}");
        Assert.True(calibration.EceAfter <= calibration.EceBefore / 2, $"ECE {calibration.EceBefore} -> {calibration.EceAfter}");
        Assert.True(calibration.NllAfter < calibration.NllBefore);

        string modelPath = folder.File("model.zip");
        ml.Model.Save(model, train.Schema, modelPath);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(testRows));
        var validationScored = model.Transform(ml.Data.LoadFromEnumerable(validationRows));
        // The saved model's own scores of the validation images have the calibrated ECE (up to ONNX vs libtorch rounding).
        var validationScores = validationScored.GetColumn<float[]>(ResNetColumnNames.Score).ToList();
        var validationLabels = validationRows.Select(row => Array.IndexOf(ShapeImages.Classes, row.Label)).ToList();
        Assert.Equal(calibration.EceAfter, CalibrationMetrics.ExpectedCalibrationError(validationScores, validationLabels), 3);
        var inProcess = scored.GetColumn<float[]>(ResNetColumnNames.Score).ToArray();
        var consumer = ModelConsumerProcess.Run(modelPath, testRows, folder.Path);
        for (int row = 0; row < inProcess.Length; row++)
            for (int slot = 0; slot < inProcess[row].Length; slot++)
                Assert.True(Math.Abs(inProcess[row][slot] - consumer.Transform[row].Score[slot]) <= 1e-5,
                    $"row {row} slot {slot}: in-process {inProcess[row][slot]}, foreign app {consumer.Transform[row].Score[slot]}");
        // Calibrated scores are softer than the memorised ones: no row at (float) certainty.
        Assert.All(inProcess, score => Assert.True(score.Max() < 0.99995f, $"top probability {score.Max()}"));
    }

    [Fact]
    public void TheExportedGraphDividesTheLogitsByTheTemperatureBeforeTheSoftmax()
    {
        using var net = MlNetResNet.Tests.Export.ExportTestNets.Create(ResNetArchitecture.ResNet18, classes: 3, seed: 4);
        var plain = ResNetOnnxExporter.ExportToBytes(net, new OnnxExportOptions { InputSize = 32, CropSize = 32 });
        var calibrated = ResNetOnnxExporter.ExportToBytes(net, new OnnxExportOptions { InputSize = 32, CropSize = 32, Temperature = 2 });
        var pixels = new float[2 * 3 * 32 * 32];
        var random = new Random(5);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = random.Next(256);

        var p1 = Run(plain, pixels);
        var p2 = Run(calibrated, pixels);

        // softmax(z / 2) ∝ sqrt(softmax(z)).
        for (int row = 0; row < 2; row++)
        {
            var expected = Enumerable.Range(0, 3).Select(k => Math.Sqrt(p1[row * 3 + k])).ToArray();
            double sum = expected.Sum();
            for (int k = 0; k < 3; k++) Assert.Equal(expected[k] / sum, p2[row * 3 + k], 5);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNetOnnxExporter.ExportToBytes(net, new OnnxExportOptions { Temperature = 0 }));
    }

    private static float[] Run(byte[] onnx, float[] pixels)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        var tensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(pixels, [2, 3, 32, 32]);
        using var results = session.Run([Microsoft.ML.OnnxRuntime.NamedOnnxValue.CreateFromTensor("Pixels", tensor)], ["Score.output"]);
        return results[0].AsTensor<float>().ToArray();
    }

    private static List<ShapeRow> WithWrongLabels(List<ShapeRow> rows, int everyNth)
    {
        for (int i = 0; i < rows.Count; i += everyNth)
        {
            int next = (Array.IndexOf(ShapeImages.Classes, rows[i].Label) + 1) % ShapeImages.Classes.Length;
            rows[i].Label = ShapeImages.Classes[next];
        }
        return rows;
    }

    public void Dispose() => folder.Dispose();
}
