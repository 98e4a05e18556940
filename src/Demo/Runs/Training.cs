using System.Diagnostics;
using Microsoft.ML;
using MlNetResNet.Demo.Output;
using MlNetResNet.Pipelines.IO;
using MlNetResNet.Pipelines.ImageFolders;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Demo.Runs;

/// <summary>What a training run produced, evaluated on its validation images.</summary>
internal sealed record TrainingOutcome(
    ImageClassifierModel Model, ImageFolderDataset Validation, EvaluationReport Report, double EvalImagesPerSecond,
    IReadOnlyList<EpochMetrics> History, int BestEpoch, TimeSpan Duration, CalibrationResult? Calibration = null,
    TrainingPlan? Plan = null);

/// <summary>Shared by <c>train</c> and the story: check images, train with progress, evaluate, save atomically.</summary>
internal static class Training
{
    public static TrainingOutcome Run(TrainingFolders folders, ResNetClassifierOptions requested, string modelPath, CancellationToken cancellation)
    {
        // The run adds its token, checkpoint folder and progress callbacks to a copy: the caller's options stay as given.
        var options = requested.Copy();
        Terminal.Line($"data: {folders.Layout}");
        var (train, validation) = WithoutUnreadable(folders);
        Terminal.Line($"classes: {string.Join(", ", train.ClassNames)}; {train.Rows.Count} training and {validation.Rows.Count} validation images");
        Terminal.Line($"model: {ResNetArchitectures.Get(options.Architecture).TorchvisionName}, pretrained {options.Pretrained}, precision {options.Precision}, " +
                      $"fine-tuning {options.FineTuning}{(options.TimeBudget is { } budget ? $", budget {budget.TotalSeconds:0.#} s" : "")}, " +
                      $"{options.Epochs} epochs, image size {options.ImageSize}, batch {options.BatchSize}, lr {options.LearningRate:0.###e+0}, seed {options.Seed}");

        string checkpoints = DemoPaths.CheckpointsFor(modelPath);
        // A killed run may have left half-written copies of its outputs; the checkpoint folder cleans itself.
        foreach (string stale in new[] { modelPath, ClassIndicesPath(modelPath) }.SelectMany(AtomicFile.RemoveStaleTemporaries))
            Terminal.Line($"removed {stale}, left by an interrupted run");
        if (options.Resume) Terminal.Line($"resume: from the newest committed checkpoint in {checkpoints} (from epoch 1 when it holds none)");
        options.CancellationToken = cancellation;
        options.CheckpointDirectory = checkpoints;
        var ml = new MLContext(seed: options.Seed);
        var watch = Stopwatch.StartNew();
        ImageClassifierModel model;
        try
        {
            model = TrainingProgress.Run(options.Epochs, progress =>
            {
                options.BatchCallback = progress.OnBatch;
                options.MetricsCallback = progress.OnEpoch;
                return ImageClassificationPipeline.Train(ml, train, validation, options);
            });
        }
        catch (OperationCanceledException error) when (cancellation.IsCancellationRequested)
        {
            throw new DemoCancelledException(
                "Training stopped (Ctrl+C) before the first epoch finished, so there is no checkpoint to keep yet.", error);
        }
        var duration = watch.Elapsed;
        var classifier = model.Classifier
            ?? throw new InvalidOperationException("The fitted pipeline holds no ResNetClassifierTransformer.");
        foreach (string skipped in classifier.SkippedImages) Terminal.Warning($"skipped undecodable image: {skipped}");
        if (classifier.TrainingPlan is { } plan) Terminal.Line($"plan: {plan}");
        if (classifier.TrainingCancelled)
        {
            if (classifier.BestEpoch == 0)
                throw new DemoCancelledException(
                    "Training stopped (Ctrl+C) before the first epoch finished, so there is no checkpoint to keep yet.",
                    new OperationCanceledException(cancellation));
            // The classifier holds the best epoch so far: keep it as the model, then stop.
            model.Save(modelPath);
            throw new DemoCancelledException(
                $"Training stopped (Ctrl+C) after {classifier.TrainingHistory.Count} epoch(s). The best checkpoint so far " +
                $"(epoch {classifier.BestEpoch}) is kept in {checkpoints} and saved as {modelPath}.", new OperationCanceledException(cancellation));
        }

        watch.Restart();
        var report = ScoredDataReader.Evaluate(model.Score(validation), topK: 2, worstCount: 5);
        double evalImagesPerSecond = validation.Rows.Count / watch.Elapsed.TotalSeconds;
        return new TrainingOutcome(model, validation, report, evalImagesPerSecond, classifier.TrainingHistory, classifier.BestEpoch, duration,
            classifier.Calibration, classifier.TrainingPlan);
    }

    /// <summary>Saves the model, class_indices.json beside it, and the metrics JSON when asked for.</summary>
    public static void Save(TrainingOutcome outcome, string modelPath, string? metricsPath)
    {
        outcome.Model.Save(modelPath);
        string indices = ClassIndicesPath(modelPath);
        ClassIndices.Write(indices, outcome.Model.ClassNames);
        Terminal.Line($"saved {modelPath} ({new FileInfo(modelPath).Length / 1e6:F1} MB) and {indices}");
        if (outcome.Calibration is { } calibration)
            Terminal.Line($"calibration: temperature {calibration.Temperature:F3}; validation ECE {calibration.EceBefore:F4} -> {calibration.EceAfter:F4}, " +
                          $"NLL {calibration.NllBefore:F4} -> {calibration.NllAfter:F4}");
        if (metricsPath is null) return;
        MetricsDocument.Write(metricsPath,
            MetricsDocument.Create(outcome.Report, outcome.EvalImagesPerSecond, outcome.History, outcome.BestEpoch, outcome.Calibration,
                outcome.Plan));
        Terminal.Line($"saved {metricsPath}");
    }

    private static string ClassIndicesPath(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, ClassIndices.FileName);

    /// <summary>Leaves out (and lists) images the image guard refuses; training goes on with the rest.</summary>
    public static (ImageFolderDataset Train, ImageFolderDataset Validation) WithoutUnreadable(TrainingFolders folders)
    {
        var unreadable = ImageFileCheck.FindUnreadable(folders.Train.Rows.Concat(folders.Validation.Rows));
        if (unreadable.Count > 0)
        {
            Terminal.Warning($"{unreadable.Count} refused image(s) left out:");
            foreach (var image in unreadable) Terminal.Warning($"  {image.ImagePath}: {image.Reason}");
        }
        var paths = unreadable.Select(image => image.ImagePath).ToList();
        var train = folders.Train.Without(paths);
        var validation = folders.Validation.Without(paths);
        if (train.Rows.Count == 0) throw new InvalidDataException($"No readable training images in '{folders.Train.Root}'.");
        if (validation.Rows.Count == 0) throw new InvalidDataException($"No readable validation images in '{folders.Validation.Root}'.");
        return (train, validation);
    }
}
