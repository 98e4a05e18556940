using MlNetResNet.Training.Calibration;
using MlNetResNet;

namespace MlNetResNet.Tests.Calibration;

public sealed class CalibrationMetricsTests
{
    [Fact]
    public void EceWeighsEachBinsGapBetweenAccuracyAndConfidenceByItsShareOfRows()
    {
        // Two rows at 0.9, one right: gap 0.4. Two rows at 0.6, both right: gap 0.4. Each bin holds half the rows.
        float[][] probabilities = [[0.9f, 0.1f], [0.1f, 0.9f], [0.6f, 0.4f], [0.4f, 0.6f]];
        int[] labels = [0, 0, 0, 1];

        double ece = CalibrationMetrics.ExpectedCalibrationError(probabilities, labels);

        Assert.Equal(0.5 * 0.4 + 0.5 * 0.4, ece, 6);
        var bins = CalibrationMetrics.Bins(probabilities, labels);
        Assert.Equal(15, bins.Count);
        Assert.Equal(4, bins.Sum(bin => bin.Count));
        Assert.Equal(2, bins[13].Count);
        Assert.Equal(0.5, bins[13].Accuracy, 6);
    }

    [Fact]
    public void BrierScoreSumsSquaredErrorsOverClassesAndAveragesOverRows()
    {
        float[][] probabilities = [[1f, 0f, 0f], [0.5f, 0.25f, 0.25f]];
        int[] labels = [0, 1];

        // Row 0: 0. Row 1: 0.25 + 0.5625 + 0.0625 = 0.875.
        Assert.Equal(0.875 / 2, CalibrationMetrics.BrierScore(probabilities, labels), 6);
    }

    [Fact]
    public void ATopProbabilityOfExactlyOneFallsInTheLastBinAndZeroInTheFirst()
    {
        var bins = CalibrationMetrics.Bins([[1f, 0f], [0f, 0f]], [0, 1]);

        Assert.Equal(1, bins[^1].Count);
        Assert.Equal(1, bins[0].Count);
    }

    [Fact]
    public void ALabelOutsideTheClassesIsRefusedWithItsRow()
    {
        var error = Assert.Throws<ArgumentException>(() => CalibrationMetrics.BrierScore([[0.5f, 0.5f]], [2]));
        Assert.Contains("Row 0", error.Message);
    }
}
