using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Tests.Support;
using MlNetResNet.Training.Calibration;
using Xunit.Abstractions;

namespace MlNetResNet.Tests.Calibration;

/// <summary>
/// A temperature for the planned runs, fitted on the validation logits they already computed: those must be the returned
/// weights' own, which the saved model's ECE on the same images shows (a stale epoch's logits would give another ECE).
/// </summary>
public sealed class PlannedRunCalibrationTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder folder = new("mlnetresnet-planned-calibration");

    [Theory]
    [InlineData(FineTuningMode.HeadOnly, true)]
    [InlineData(FineTuningMode.TwoStage, true)]
    // The last epoch, a stage-2 one, returned whatever scored best: its logits must be the ones used.
    [InlineData(FineTuningMode.TwoStage, false)]
    public void APlannedRunFitsATemperatureOnTheReturnedWeightsLogitsAndTheSavedModelCarriesIt(FineTuningMode mode, bool keepBestEpoch)
    {
        var ml = new MLContext(seed: 1);
        string images = folder.File("images");
        var trainRows = ShapeImages.Write(images, perClass: 30, seed: 31);
        var validationRows = ShapeImages.Write(images, perClass: 40, seed: 32);
        var shapes = new ShapesWithValidationSet(ml, images, trainRows, validationRows);
        shapes.Options.Epochs = 2;
        shapes.Options.FineTuning = mode;
        shapes.Options.KeepBestEpoch = keepBestEpoch;
        shapes.Options.Calibration = ProbabilityCalibration.Temperature;

        var model = shapes.Fit(ml);
        using var classifier = model.LastTransformer;

        var calibration = Assert.IsType<CalibrationResult>(classifier.Calibration);
        output.WriteLine($"{mode}: best epoch {classifier.BestEpoch} of {classifier.TrainingHistory.Count}; T {calibration.Temperature:F3}, " +
                         $"ECE {calibration.EceBefore:F4} -> {calibration.EceAfter:F4}, NLL {calibration.NllBefore:F4} -> {calibration.NllAfter:F4}");
        Assert.Equal(validationRows.Count, calibration.Images);
        Assert.True(calibration.NllAfter <= calibration.NllBefore);
        // Before the temperature, the logits' NLL is the returned epoch's validation loss.
        var returned = keepBestEpoch ? classifier.TrainingHistory.Single(epoch => epoch.Epoch == classifier.BestEpoch) : classifier.TrainingHistory[^1];
        Assert.Equal(returned.ValidationLoss, calibration.NllBefore, 3);
        var scores = model.Transform(ml.Data.LoadFromEnumerable(validationRows)).GetColumn<float[]>(ResNetColumnNames.Score).ToList();
        var labels = validationRows.Select(row => Array.IndexOf(ShapeImages.Classes, row.Label)).ToList();
        Assert.Equal(calibration.EceAfter, CalibrationMetrics.ExpectedCalibrationError(scores, labels), 3);
        Assert.Equal(calibration.NllAfter, CalibrationMetrics.NegativeLogLikelihood(scores, labels), 3);
    }

    public void Dispose() => folder.Dispose();
}
