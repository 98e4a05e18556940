using System.Diagnostics;
using System.Text.Json.Nodes;
using TorchSharp;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Our side of one comparison, run in its own process so its RSS is ours alone: training end to end
/// (files → decode → augment → step) with the trainer, then evaluation and single-image latency.
/// </summary>
internal static class OursRunner
{
    public static JsonObject Run(RunSettings settings)
    {
        var train = ImageFolderListing.Read(Path.Combine(settings.Data, "train"));
        var val = ImageFolderListing.Read(Path.Combine(settings.Data, "val"));
        var epochs = new JsonArray();
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitectures.Parse(settings.Arch),
            ImageSize = settings.ImageSize,
            BatchSize = settings.BatchSize,
            Epochs = settings.Epochs,
            LearningRate = settings.LearningRate,
            Optimizer = ResNetOptimizer.Adam,
            Seed = settings.Seed,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = settings.Threads,
            KeepBestEpoch = false, // the peer reports its last epoch
            MetricsCallback = metrics => epochs.Add(new JsonObject
            {
                ["epoch"] = metrics.Epoch,
                ["trainLoss"] = metrics.TrainLoss,
                ["valLoss"] = metrics.ValidationLoss,
                ["valAccuracy"] = metrics.ValidationAccuracy,
                ["trainImagesPerSecond"] = metrics.TrainImagesPerSecond,
                ["trainSeconds"] = train.Paths.Count / metrics.TrainImagesPerSecond,
                ["epochSeconds"] = metrics.Seconds,
                ["rssMb"] = ProcessMemory.RssMb(),
                ["peakRssMb"] = ProcessMemory.PeakRssMb(),
            }),
        };
        var trainer = new ResNetTrainer(options) { DataWorkers = settings.Workers };
        var clock = Stopwatch.StartNew();
        var result = trainer.Train(train.ToSource(), val.ToSource(), train.ClassNames.Count);
        double trainWall = clock.Elapsed.TotalSeconds;
        using var network = result.Network;

        var evaluation = MlNetEvaluation.Run(network, train.ClassNames, val, settings);
        return new JsonObject
        {
            ["side"] = "ours",
            ["torchThreads"] = torch.get_num_threads(),
            ["trainImages"] = train.Paths.Count,
            ["valImages"] = val.Paths.Count,
            ["trainWallSeconds"] = trainWall,
            ["finalValAccuracy"] = result.History[^1].ValidationAccuracy,
            ["evalImagesPerSecond"] = evaluation.ImagesPerSecond,
            ["evalAccuracy"] = evaluation.Accuracy,
            ["evalPath"] = evaluation.Path,
            ["batch1LatencyMs"] = evaluation.LatencyMs,
            ["peakRssMb"] = ProcessMemory.PeakRssMb(),
            ["epochs"] = epochs,
        };
    }
}
