using System.Diagnostics;
using Microsoft.ML;
using MlNetResNet.Demo.Drawing;
using MlNetResNet.Demo.Output;
using MlNetResNet.Pipelines.IO;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;

namespace MlNetResNet.Demo.Runs;

/// <summary>
/// The demo without arguments: make the synthetic flowers if missing, fine-tune the ImageNet ResNet-18, evaluate,
/// save model.zip, reload it, predict a few validation images with every class's probability, and draw annotated
/// copies and the training curves. Everything lands in ./out.
/// </summary>
internal static class StoryRun
{
    /// <summary>
    /// Settings chosen to finish well inside 15 minutes on 2 CPU cores (build included) at ≥ 90% validation accuracy:
    /// see the README for the measurements behind them.
    /// </summary>
    public static ResNetClassifierOptions DemoOptions() => new()
    {
        Architecture = ResNetArchitecture.ResNet18,
        Pretrained = PretrainedWeights.ImageNet,
        Epochs = 3,
        ImageSize = 112,
        BatchSize = 16,
        LearningRate = 1e-4,
        Seed = 1,
        Calibration = ProbabilityCalibration.Temperature,
    };

    public static int Run(CancellationToken cancellation)
    {
        var total = Stopwatch.StartNew();
        Terminal.Heading("1. Data");
        var watch = Stopwatch.StartNew();
        bool generated = SyntheticFlowerGenerator.EnsureGenerated(DemoPaths.FlowerData);
        Terminal.Line(generated
            ? $"generated synthetic flowers in {DemoPaths.FlowerData} ({watch.Elapsed.TotalSeconds:F1} s)"
            : $"using {DemoPaths.FlowerData}");

        Terminal.Heading("2. Fine-tuning the ImageNet-pretrained ResNet-18");
        var folders = TrainingFolders.Resolve(DemoPaths.FlowerData);
        var outcome = Training.Run(folders, DemoOptions(), DemoPaths.Model, cancellation);

        Terminal.Heading($"3. Evaluation on {outcome.Validation.Rows.Count} validation images (best epoch {outcome.BestEpoch})");
        ReportView.Print(outcome.Report, outcome.EvalImagesPerSecond);

        Terminal.Heading("4. Saving");
        Training.Save(outcome, DemoPaths.Model, DemoPaths.Metrics);
        AtomicFile.Write(DemoPaths.TrainingCurves, (string temporary) => DrawingPlugin.Instance.WriteTrainingCurves(
            temporary, outcome.History, outcome.BestEpoch, "ResNet-18 (ImageNet) on synthetic flowers"));
        Terminal.Line($"saved {DemoPaths.TrainingCurves}");
        AtomicFile.Write(DemoPaths.ReliabilityDiagram, (string temporary) => DrawingPlugin.Instance.WriteReliabilityDiagram(temporary,
            outcome.Report.ReliabilityBins, $"Calibrated validation scores (ECE {outcome.Report.ExpectedCalibrationError:F3})"));
        Terminal.Line($"saved {DemoPaths.ReliabilityDiagram}");

        Terminal.Heading("5. Reloading model.zip and predicting");
        using var reloaded = ImageClassifierModel.Load(new MLContext(seed: 1), DemoPaths.Model);
        // One validation image per class: the first in walk order.
        var samples = outcome.Validation.Rows.GroupBy(row => row.Label).Select(group => group.First().ImagePath).ToList();
        PredictRun.Print(reloaded.Predict(samples), top: 3, annotateFolder: DemoPaths.Predictions);

        Terminal.Heading("Done");
        Terminal.Line($"validation accuracy {ReportView.Percent(outcome.Report.MicroAccuracy)} after {outcome.History.Count} epochs " +
                      $"(training {outcome.Duration.TotalMinutes:F1} min, whole demo {total.Elapsed.TotalMinutes:F1} min)");
        Terminal.Line($"outputs in {DemoPaths.Output}: model.zip, class_indices.json, metrics.json, training_curves.png, reliability_diagram.png, predictions/");
        Terminal.Line("next: dotnet run --project src/Demo -c Release -- predict --model out/model.zip IMAGE... (see README)");
        return 0;
    }
}
