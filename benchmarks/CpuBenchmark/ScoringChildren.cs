using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Scoring;
using MlNetResNet.Scoring;
using MlNetResNet.Weights.ImageNet;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// The child processes of <c>cpu-benchmark scoring</c> (see <see cref="ScoringBenchmark"/>), each printing one JSON
/// object: <c>scoring-fit</c> (fit, save model.zip and the same weights as .pth, time the fitted model's
/// evaluation), <c>scoring-eval</c> (a loaded model.zip through the fast loader and through plain ML.NET) and
/// <c>scoring-latency</c> (one image through a PredictionEngine of a loaded model.zip, in a fresh process).
/// </summary>
internal static class ScoringChildren
{
    public static JsonObject Fit(ArgumentReader reader)
    {
        string data = reader.Text("--data", ""), output = reader.Text("--out", "");
        int imageSize = reader.Int("--image-size", 64), threads = reader.Int("--threads", 2);
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Rows(Path.Combine(data, "train")));
        var valRows = Rows(Path.Combine(data, "val"));
        var val = ml.Data.LoadFromEnumerable(valRows);
        // Keys by value: the class order of torchvision's ImageFolder, so the peer's labels line up.
        var keys = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).Fit(train);
        string checkpoints = Path.Combine(output, "checkpoints");
        var options = new ResNetClassifierOptions
        {
            ImageColumnName = nameof(MlNetEvaluation.ImageRow.ImagePath),
            ValidationSet = keys.Transform(val),
            Architecture = ResNetArchitecture.ResNet18,
            Pretrained = PretrainedWeights.ImageNet,
            ImageSize = imageSize,
            BatchSize = reader.Int("--batch-size", 32),
            Epochs = reader.Int("--epochs", 1),
            LearningRate = 1e-4,
            Seed = 1,
            Recipe = TrainingRecipe.Seed,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = threads,
            CheckpointDirectory = checkpoints,
        };
        using var classifier = ml.Transforms.ResNetClassifier(options).Fit(keys.Transform(train));
        var model = new TransformerChain<ITransformer>(keys, classifier);
        string zip = Path.Combine(output, "model.zip");
        ml.Model.Save(model, val.Schema, zip);

        // The weights the model holds (best epoch), as a PyTorch state dict for the peer.
        using (var network = ImageNetWeights.CreateResNet18(numClasses: classifier.ClassNames.Count))
        {
            network.load(BestWeights(checkpoints));
            network.SavePyTorchWeights(Path.Combine(output, "weights.pth"));
        }

        ml.MulticlassClassification.Evaluate(model.Transform(val));
        var clock = Stopwatch.StartNew();
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(val));
        return new JsonObject
        {
            ["side"] = "ours-fitted",
            ["model"] = zip,
            ["classes"] = new JsonArray(classifier.ClassNames.Select(name => (JsonNode)name).ToArray()),
            ["evalImagesPerSecond"] = valRows.Count / clock.Elapsed.TotalSeconds,
            ["accuracy"] = metrics.MicroAccuracy,
            ["logLoss"] = metrics.LogLoss,
        };
    }

    /// <summary>Fast loader (load, then one untimed and <c>--passes</c> timed passes; best pass) and plain ML.NET.</summary>
    public static JsonObject Evaluate(ArgumentReader reader)
    {
        string model = reader.Text("--model", ""), data = reader.Text("--data", "");
        int passes = reader.Int("--passes", 2);
        var dataset = ImageFolderDataset.Read(data);
        var result = new JsonObject { ["side"] = "ours-eval", ["images"] = dataset.Rows.Count };

        var clock = Stopwatch.StartNew();
        // The fast loader's defaults unless a sweep asks otherwise (--spinning, --no-overlap, --intra-op-threads, --decode-threads).
        var fastOptions = new ModelZipScorerOptions
        {
            BatchSize = reader.Int("--batch-size", 32),
            IntraOpSpinning = reader.Flag("--spinning"),
            OverlapDecoding = !reader.Flag("--no-overlap"),
            IntraOpThreads = reader.Int("--intra-op-threads", 0),
            DecodeThreads = reader.Int("--decode-threads", Environment.ProcessorCount),
        };
        using (var scorer = ModelZipScorer.Load(new MLContext(seed: 1), model, fastOptions))
        {
            result["fastLoadSeconds"] = clock.Elapsed.TotalSeconds;
            scorer.Evaluate(dataset);
            var rates = new JsonArray();
            var cpuMs = new JsonArray();
            EvaluationReport? report = null;
            for (int pass = 0; pass < passes; pass++)
            {
                // CPU time per image does not depend on how much of a shared machine this process won; spinning shows there.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                report = scorer.Evaluate(dataset);
                rates.Add(dataset.Rows.Count / clock.Elapsed.TotalSeconds);
                cpuMs.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / dataset.Rows.Count);
            }
            result["fastImagesPerSecondPasses"] = rates;
            result["fastCpuMsPerImagePasses"] = cpuMs;
            result["fastImagesPerSecond"] = rates.Max(rate => rate!.GetValue<double>());
            result["fastAccuracy"] = report!.MicroAccuracy;
            result["fastLogLoss"] = report.LogLoss;
        }

        if (reader.Flag("--no-plain")) return result;

        // What a foreign app does: Model.Load, Transform, MulticlassClassification.Evaluate (one row at a time).
        var ml = new MLContext(seed: 1);
        clock.Restart();
        var loaded = ml.Model.Load(model, out _);
        using var loadedResources = loaded as IDisposable;
        result["plainLoadSeconds"] = clock.Elapsed.TotalSeconds;
        var rows = ml.Data.LoadFromEnumerable(dataset.Rows.Select(row => new MlNetEvaluation.ImageRow { ImagePath = row.ImagePath, Label = row.Label }));
        ml.MulticlassClassification.Evaluate(loaded.Transform(rows));
        clock.Restart();
        var metrics = ml.MulticlassClassification.Evaluate(loaded.Transform(rows));
        result["plainImagesPerSecond"] = dataset.Rows.Count / clock.Elapsed.TotalSeconds;
        result["plainAccuracy"] = metrics.MicroAccuracy;
        result["plainLogLoss"] = metrics.LogLoss;
        return result;
    }

    /// <summary>Median of <c>--repeats</c> single-image predictions after two warm-up calls, in this fresh process.</summary>
    public static JsonObject Latency(ArgumentReader reader)
    {
        string model = reader.Text("--model", ""), image = reader.Text("--image", "");
        int repeats = reader.Int("--repeats", 30);
        var ml = new MLContext(seed: 1);
        // --no-spin: what an app can ask of ML.NET before Model.Load (model.zip carries no session options): ONNX
        // Runtime's idle threads sleep instead of spinning (AppSessionOptionsTests shows ML.NET uses them).
        bool noSpin = reader.Flag("--no-spin");
        if (noSpin) SleepingOnnxThreads.UseForLoadedModels(ml);
        var loaded = ml.Model.Load(model, out _);
        using var loadedResources = loaded as IDisposable;
        using var engine = ml.Model.CreatePredictionEngine<MlNetEvaluation.ImageRow, LatencyScore>(loaded);
        var sample = new MlNetEvaluation.ImageRow { ImagePath = image, Label = "" };
        var timings = MlNetEvaluation.TimeCalls(() => engine.Predict(sample), repeats);
        var steady = timings.Skip(MlNetEvaluation.WarmUpCalls).ToList();
        // Where the time goes, through the fast loader: decode + resize + pixels, then the graph alone.
        using var scorer = ModelZipScorer.Load(new MLContext(seed: 1), model);
        var prepared = scorer.Prepare(image);
        var prepare = MlNetEvaluation.TimeCalls(() => scorer.Prepare(image), repeats);
        var forward = MlNetEvaluation.TimeCalls(() => scorer.Score([prepared]), repeats);
        return new JsonObject
        {
            ["side"] = noSpin ? "ours-latency-no-spin" : "ours-latency",
            ["firstMs"] = timings[0],
            ["medianMs"] = MlNetEvaluation.Median(steady),
            ["minMs"] = steady.Min(),
            ["fastPrepareMedianMs"] = MlNetEvaluation.Median(prepare.Skip(MlNetEvaluation.WarmUpCalls)),
            ["fastForwardMedianMs"] = MlNetEvaluation.Median(forward.Skip(MlNetEvaluation.WarmUpCalls)),
        };
    }

    // The trainer keeps the best epoch's weights in best-NNNN/weights.bin, committed by a COMMITTED marker.
    private static string BestWeights(string checkpoints)
    {
        var committed = Directory.GetDirectories(checkpoints, "best-*")
            .Where(folder => File.Exists(Path.Combine(folder, "COMMITTED"))).Order(StringComparer.Ordinal).ToList();
        return committed.Count > 0 ? Path.Combine(committed[^1], "weights.bin")
            : throw new InvalidOperationException($"Checkpoint folder '{checkpoints}' holds no committed best-* weights.");
    }

    private static List<MlNetEvaluation.ImageRow> Rows(string folder)
    {
        var listing = ImageFolderListing.Read(folder);
        return listing.Paths.Select((path, i) => new MlNetEvaluation.ImageRow { ImagePath = path, Label = listing.ClassNames[listing.Labels[i]] }).ToList();
    }

    private sealed class LatencyScore
    {
        public float[] Score { get; set; } = [];
    }
}
