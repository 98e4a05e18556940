using MlNetResNet.Demo.Cli;
using MlNetResNet.Demo.Output;
using MlNetResNet.Pipelines.IO;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Demo.Runs;

/// <summary><c>train</c>: fine-tune on a folder, print the evaluation, save model.zip (and metrics JSON).</summary>
internal static class TrainRun
{
    public static int Run(TrainRequest request, CancellationToken cancellation)
    {
        if (request.Pretrained.Weights == PretrainedWeights.File && !File.Exists(request.Pretrained.Path))
            throw new FileNotFoundException($"Pretrained weights file '{request.Pretrained.Path}' does not exist.", request.Pretrained.Path);
        var folders = TrainingFolders.Resolve(request.Data, request.Validation, validationFraction: 0.1, seed: request.Seed);
        var options = new ResNetClassifierOptions
        {
            Architecture = request.Architecture,
            Epochs = request.Epochs,
            ImageSize = request.ImageSize,
            BatchSize = request.BatchSize,
            LearningRate = request.LearningRate,
            Pretrained = request.Pretrained.Weights,
            PretrainedPath = request.Pretrained.Path,
            Seed = request.Seed,
            Precision = request.Precision,
            FineTuning = request.FineTuning,
            FeatureCacheDirectory = request.CacheDirectory,
            FeatureCacheMaxBytes = request.CacheMaxBytes,
            TimeBudget = request.TimeBudget,
            Resume = request.Resume,
            Calibration = request.Calibration,
            ClassWeighting = request.ClassWeighting,
        };
        if (request.MetricsJson is not null) AtomicFile.RemoveStaleTemporaries(request.MetricsJson);
        Terminal.Heading("Training");
        var outcome = Training.Run(folders, options, request.Output, cancellation);
        Terminal.Heading($"Evaluation on {outcome.Validation.Rows.Count} validation images (best epoch {outcome.BestEpoch})");
        ReportView.Print(outcome.Report, outcome.EvalImagesPerSecond);
        Training.Save(outcome, request.Output, request.MetricsJson);
        return 0;
    }
}
