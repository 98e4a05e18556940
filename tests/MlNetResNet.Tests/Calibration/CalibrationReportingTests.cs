using System.Text.Json;
using MlNetResNet.Pipelines;
using MlNetResNet.Training.Calibration;

namespace MlNetResNet.Tests.Calibration;

public sealed class CalibrationReportingTests
{
    private static readonly ScoredExample[] Rows =
    [
        new(0, [0.8f, 0.2f], "a.jpg"),
        new(1, [0.3f, 0.7f], "b.jpg"),
        new(1, [0.6f, 0.4f], "c.jpg"),
    ];

    [Fact]
    public void TheMetricsJsonCarriesEceBrierAndTheFittedTemperature()
    {
        var report = EvaluationReport.Compute(["daisy", "roses"], Rows);
        var calibration = new CalibrationResult(1.7, 0.2, 0.05, 0.9, 0.6, 3);

        var root = JsonDocument.Parse(MetricsDocument.Create(report, 10, [], 1, calibration).ToJsonString()).RootElement;

        var probabilities = Rows.Select(row => row.Scores).ToList();
        var labels = Rows.Select(row => row.Label).ToList();
        Assert.Equal(CalibrationMetrics.ExpectedCalibrationError(probabilities, labels), root.GetProperty("expectedCalibrationError").GetDouble(), 12);
        Assert.Equal(CalibrationMetrics.BrierScore(probabilities, labels), root.GetProperty("brierScore").GetDouble(), 12);
        // (0.2² + 0.2²) + (0.3² + 0.3²) + (0.6² + 0.6²) over 3 rows.
        Assert.Equal((0.08 + 0.18 + 0.72) / 3, root.GetProperty("brierScore").GetDouble(), 6);
        var fitted = root.GetProperty("calibration");
        Assert.Equal(1.7, fitted.GetProperty("temperature").GetDouble());
        Assert.Equal(0.2, fitted.GetProperty("eceBefore").GetDouble());
        Assert.Equal(0.05, fitted.GetProperty("eceAfter").GetDouble());
        Assert.Equal(0.9, fitted.GetProperty("nllBefore").GetDouble());
        Assert.Equal(0.6, fitted.GetProperty("nllAfter").GetDouble());
    }

    [Fact]
    public void ALoadedModelsMetricsHaveANullCalibration()
    {
        var report = EvaluationReport.Compute(["daisy", "roses"], Rows);

        var root = JsonDocument.Parse(MetricsDocument.Create(report, 10, [], null).ToJsonString()).RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("calibration").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("expectedCalibrationError").ValueKind);
    }
}
