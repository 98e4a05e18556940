using System.Text.Json;
using System.Text.Json.Nodes;
using MlNetResNet.Pipelines.Evaluation;
using MlNetResNet.Pipelines.IO;

namespace MlNetResNet.Pipelines;

/// <summary>
/// The metrics JSON written by <c>train --metrics-json</c> and <c>evaluate --metrics-json</c>. Keys (camelCase):
/// <c>microAccuracy</c>, <c>macroAccuracy</c>, <c>logLoss</c>, <c>topK</c>, <c>topKAccuracy</c>, <c>images</c>,
/// <c>perClass</c> (class name → <c>precision</c>, <c>recall</c>, <c>f1</c>, <c>support</c>, <c>lowSupport</c>: fewer than 10 images), <c>confusionMatrix</c>
/// (<c>classes</c>, <c>counts</c> [true][predicted]), <c>bestEpoch</c>, <c>trainImagesPerSecond</c>,
/// <c>evalImagesPerSecond</c>, <c>epochs</c> (each <c>epoch</c>, <c>trainLoss</c>, <c>valLoss</c>, <c>valAccuracy</c>, <c>valMacroAccuracy</c>,
/// <c>learningRate</c>, <c>seconds</c>, <c>trainImagesPerSecond</c>, <c>skippedImages</c>), <c>expectedCalibrationError</c>
/// (15 bins), <c>brierScore</c>, <c>calibration</c> (<c>temperature</c>, <c>eceBefore</c>, <c>eceAfter</c>,
/// <c>nllBefore</c>, <c>nllAfter</c> on the validation set; null when no temperature was fitted), <c>plan</c> (see
/// <see cref="TrainingPlanJson"/>; null when training had no plan or the model was loaded). Figures not known (training
/// figures of a loaded model) are null; non-finite numbers are written as null (JSON has no NaN).
/// </summary>
public static class MetricsDocument
{
    /// <summary>Builds the JSON object.</summary>
    /// <param name="report">Evaluation on the validation or test images.</param>
    /// <param name="evalImagesPerSecond">Throughput of the evaluation pass.</param>
    /// <param name="history">Per-epoch training metrics; empty for a loaded model.</param>
    /// <param name="bestEpoch">Epoch whose weights the model holds; null for a loaded model.</param>
    /// <param name="calibration">The temperature fitted in training; null for a loaded model or without calibration.</param>
    /// <param name="plan">How training was laid out; null for a loaded model or a plain Full run.</param>
    public static JsonObject Create(EvaluationReport report, double evalImagesPerSecond,
        IReadOnlyList<EpochMetrics> history, int? bestEpoch, CalibrationResult? calibration = null, TrainingPlan? plan = null)
    {
        var perClass = new JsonObject();
        foreach (var metrics in report.PerClass)
        {
            perClass[metrics.ClassName] = new JsonObject
            {
                ["precision"] = Number(metrics.Precision),
                ["recall"] = Number(metrics.Recall),
                ["f1"] = Number(metrics.F1),
                ["support"] = metrics.Support,
                ["lowSupport"] = metrics.Support < EvaluationReport.LowSupportThreshold,
            };
        }
        var counts = new JsonArray();
        for (int truth = 0; truth < report.ClassNames.Count; truth++)
        {
            var row = new JsonArray();
            for (int predicted = 0; predicted < report.ClassNames.Count; predicted++) row.Add(report.ConfusionMatrix[truth, predicted]);
            counts.Add(row);
        }
        var epochs = new JsonArray();
        foreach (var epoch in history)
        {
            epochs.Add(new JsonObject
            {
                ["epoch"] = epoch.Epoch,
                ["trainLoss"] = Number(epoch.TrainLoss),
                ["valLoss"] = Number(epoch.ValidationLoss),
                ["valAccuracy"] = Number(epoch.ValidationAccuracy),
                ["valMacroAccuracy"] = Number(epoch.ValidationMacroAccuracy),
                ["learningRate"] = Number(epoch.LearningRate),
                ["seconds"] = Number(epoch.Seconds),
                ["trainImagesPerSecond"] = Number(epoch.TrainImagesPerSecond),
                ["skippedImages"] = epoch.SkippedImages,
            });
        }
        return new JsonObject
        {
            ["microAccuracy"] = Number(report.MicroAccuracy),
            ["macroAccuracy"] = Number(report.MacroAccuracy),
            ["logLoss"] = Number(report.LogLoss),
            ["expectedCalibrationError"] = Number(report.ExpectedCalibrationError),
            ["brierScore"] = Number(report.BrierScore),
            ["calibration"] = calibration is null ? null : new JsonObject
            {
                ["temperature"] = Number(calibration.Temperature),
                ["eceBefore"] = Number(calibration.EceBefore),
                ["eceAfter"] = Number(calibration.EceAfter),
                ["nllBefore"] = Number(calibration.NllBefore),
                ["nllAfter"] = Number(calibration.NllAfter),
            },
            ["topK"] = report.TopK,
            ["topKAccuracy"] = Number(report.TopKAccuracy),
            ["images"] = report.Count,
            ["perClass"] = perClass,
            ["confusionMatrix"] = new JsonObject
            {
                ["classes"] = new JsonArray(report.ClassNames.Select(name => (JsonNode?)JsonValue.Create(name)).ToArray()),
                ["counts"] = counts,
            },
            ["bestEpoch"] = bestEpoch,
            ["trainImagesPerSecond"] = history.Count == 0 ? null : Number(history.Average(epoch => epoch.TrainImagesPerSecond)),
            ["evalImagesPerSecond"] = Number(evalImagesPerSecond),
            ["epochs"] = epochs,
            ["plan"] = plan is null ? null : TrainingPlanJson.Create(plan),
        };
    }

    /// <summary>Writes the document atomically, indented.</summary>
    public static void Write(string path, JsonObject document) =>
        AtomicFile.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
