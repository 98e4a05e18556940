using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using TorchSharp;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Our side of one comparison, run in its own process so its RSS is ours alone: <c>ResNetClassifier</c>
/// fitted on image paths (files → decode → augment → step, validation after each epoch), then evaluation
/// and single-image latency through ML.NET.
/// </summary>
internal static class OursRunner
{
    public static JsonObject Run(RunSettings settings)
    {
        var ml = new MLContext(seed: settings.Seed);
        var trainRows = Rows(Path.Combine(settings.Data, "train"));
        var valRows = Rows(Path.Combine(settings.Data, "val"));
        var rawTrain = ml.Data.LoadFromEnumerable(trainRows);
        var rawVal = ml.Data.LoadFromEnumerable(valRows);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(rawTrain);

        var epochs = new JsonArray();
        var options = new ResNetClassifierOptions
        {
            ImageColumnName = nameof(MlNetEvaluation.ImageRow.ImagePath),
            ValidationSet = keys.Transform(rawVal),
            Architecture = ResNetArchitectures.Parse(settings.Arch),
            ImageSize = settings.ImageSize,
            BatchSize = settings.BatchSize,
            Epochs = settings.Epochs,
            LearningRate = settings.LearningRate,
            Optimizer = ResNetOptimizer.Adam,
            Seed = settings.Seed,
            Recipe = TrainingRecipe.Seed,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = settings.Threads,
            Precision = settings.Precision == "bf16" ? TrainingPrecision.BFloat16Mixed : TrainingPrecision.Float32,
            // The ImageNet weights the peer loads from settings.PretrainedPth are these, written as .pth.
            Pretrained = settings.Pretrained ? PretrainedWeights.ImageNet : PretrainedWeights.None,
            KeepBestEpoch = false, // the peer reports its last epoch
            MetricsCallback = metrics => epochs.Add(new JsonObject
            {
                ["epoch"] = metrics.Epoch,
                ["trainLoss"] = metrics.TrainLoss,
                ["valLoss"] = metrics.ValidationLoss,
                ["valAccuracy"] = metrics.ValidationAccuracy,
                ["trainImagesPerSecond"] = metrics.TrainImagesPerSecond,
                ["trainSeconds"] = trainRows.Count / metrics.TrainImagesPerSecond,
                ["rssMb"] = ProcessMemory.RssMb(),
                ["peakRssMb"] = ProcessMemory.PeakRssMb(),
                // Tells managed growth (the GC heap) apart from native growth in the RSS above.
                ["managedHeapMb"] = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,
                ["managedAllocatedMb"] = GC.GetTotalAllocatedBytes() / 1048576.0,
                ["gen0Collections"] = GC.CollectionCount(0),
            }),
        };
        var clock = Stopwatch.StartNew();
        var classifier = ml.Transforms.ResNetClassifier(options).Fit(keys.Transform(rawTrain));
        double fitSeconds = clock.Elapsed.TotalSeconds;
        var model = new TransformerChain<ITransformer>(keys, classifier);

        var evaluation = MlNetEvaluation.Run(ml, model, rawVal, valRows.Count, settings.LatencyRepeats, valRows[0]);
        classifier.Dispose();
        return new JsonObject
        {
            ["side"] = settings.Precision == "bf16" ? "ours-bf16" : "ours",
            ["torchThreads"] = torch.get_num_threads(),
            ["trainImages"] = trainRows.Count,
            ["valImages"] = valRows.Count,
            ["fitSeconds"] = fitSeconds,
            ["finalValAccuracy"] = epochs[^1]!["valAccuracy"]!.GetValue<double>(),
            ["evalImagesPerSecond"] = evaluation.FittedImagesPerSecond,
            ["evalLoadedImagesPerSecond"] = evaluation.LoadedImagesPerSecond,
            ["evalAccuracy"] = evaluation.FittedAccuracy,
            ["evalLoadedAccuracy"] = evaluation.LoadedAccuracy,
            ["batch1LatencyMs"] = evaluation.LatencyMs,
            ["peakRssMb"] = ProcessMemory.PeakRssMb(),
            ["epochs"] = epochs,
        };
    }

    private static List<MlNetEvaluation.ImageRow> Rows(string folder)
    {
        var listing = ImageFolderListing.Read(folder);
        return listing.Paths.Select((path, i) => new MlNetEvaluation.ImageRow { ImagePath = path, Label = listing.ClassNames[listing.Labels[i]] }).ToList();
    }
}
