using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>Fits one row for one seed through the ready-made pipeline, timed from the call to the fitted model (export included).</summary>
internal static class AblationRunner
{
    public static RunResult Fit(AblationRow row, AblationSettings settings, int seed, int epochs)
    {
        var train = ImageFolderDataset.Read(Path.Combine(settings.Data, "train"));
        var validation = ImageFolderDataset.Read(Path.Combine(settings.Data, "val"));
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18,
            Pretrained = PretrainedWeights.ImageNet,
            ImageSize = settings.ImageSize,
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            Optimizer = ResNetOptimizer.Adam,
            Epochs = epochs,
            Seed = seed,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = settings.Threads,
            // Every row fits a temperature, so that each reports its ECE before and after; it changes no weight.
            Calibration = ProbabilityCalibration.Temperature,
        };
        row.Configure(options);
        var mlContext = new MLContext(seed);
        var clock = Stopwatch.StartNew();
        using var model = ImageClassificationPipeline.Train(mlContext, train, validation, options);
        double wall = clock.Elapsed.TotalSeconds;
        var classifier = model.Classifier!;
        var best = classifier.TrainingHistory.Single(m => m.Epoch == classifier.BestEpoch);
        var calibration = classifier.Calibration!;
        double scoreMs = ScoringMilliseconds(model, validation);
        var (classNames, scoredRows) = ScoredDataReader.Read(model.Score(validation));
        double eceFloor = CalibrationFloor.ExpectedCalibrationError(scoredRows.Select(row => (double)row.Scores.Max()).ToList());
        double bestTemperatureEce = CalibrationFloor.BestTemperatureExpectedCalibrationError(classNames, scoredRows);
        ScoresFile.Write(Path.Combine(settings.Results, "scores", $"{ScoresFile.Slug(row.Name)}-seed{seed}.csv"), classNames, scoredRows);
        var result = new RunResult(row.Name, seed, epochs, wall, classifier.BestEpoch, best.ValidationAccuracy, best.ValidationMacroAccuracy,
            calibration.NllBefore, calibration.NllAfter, calibration.EceBefore, calibration.EceAfter, calibration.Temperature,
            best.UsedWeightAverage, scoreMs, AblationRun.LoadAverage(), eceFloor, bestTemperatureEce);
        string average = result.UsedWeightAverage ? " (average)" : "";
        Console.WriteLine(FormattableString.Invariant(
            $"{row.Name} seed {seed}: {wall:F1} s, epoch {result.BestEpoch}{average}, accuracy {result.Accuracy:P1}, macro {result.MacroAccuracy:P1}, NLL {result.NllBefore:F3}, ECE {result.EceBefore:F3} -> {result.EceAfter:F3} (T {result.Temperature:F2}; best of any T {bestTemperatureEce:F3}; a calibrated model's {eceFloor:F3}), scoring {scoreMs:F2} ms/image"));
        return result;
    }

    // The saved chain's scoring time per validation image (decode, resize, graph), best of three passes.
    private static double ScoringMilliseconds(ImageClassifierModel model, ImageFolderDataset validation)
    {
        double best = double.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            var scored = model.Score(validation);
            var scores = scored.GetColumn<VBuffer<float>>(scored.Schema[ResNetColumnNames.Score]);
            int rows = scores.Count();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds / Math.Max(1, rows));
        }
        return best;
    }
}
