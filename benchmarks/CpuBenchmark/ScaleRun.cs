using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks;

/// <summary>
/// Scale check: one training epoch over folders of growing size with a small decoded-image cache budget.
/// Seconds per image should stay flat (time linear in the image count) and RSS must not grow with the folder
/// beyond the budget, since pixels past the budget are decoded again instead of kept.
///   cpu-benchmark scale [--counts 2000,8000] [--cache-mb 8] [--image-size 32] [--source-side 48]
/// </summary>
internal static class ScaleRun
{
    public static int Run(ArgumentReader reader)
    {
        var counts = reader.List("--counts", "2000,8000").Select(int.Parse).ToList();
        long cacheBytes = reader.Int("--cache-mb", 8) * (1L << 20);
        int imageSize = reader.Int("--image-size", 32), side = reader.Int("--source-side", 48), threads = reader.Int("--threads", Environment.ProcessorCount);
        string root = Path.GetFullPath(reader.Text("--data-root", Path.Combine("out", "cpu-benchmark-data")));
        var results = new JsonArray();
        foreach (int count in counts)
        {
            string data = Path.Combine(root, $"scale-{count}-{side}px");
            ShapeFolderMaker.Ensure(data, count, valImages: 8, side, seed: 1);
            var run = ChildProcess.RunForJson(Environment.ProcessPath!, new[]
            {
                "scale-child", "--data", data, "--image-size", $"{imageSize}", "--cache-bytes", $"{cacheBytes}", "--threads", $"{threads}",
            });
            results.Add(run);
            Console.WriteLine(run.ToJsonString());
        }
        Console.WriteLine(new JsonObject { ["scale"] = results, ["cacheBytes"] = cacheBytes }.ToJsonString());
        return 0;
    }

    /// <summary>Child: one epoch of ResNet-18 on the folder, then RSS.</summary>
    public static JsonObject Child(ArgumentReader reader)
    {
        var train = ImageFolderListing.Read(Path.Combine(reader.Text("--data", ""), "train"));
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18, ImageSize = reader.Int("--image-size", 32), BatchSize = 32, Epochs = 1, Recipe = TrainingRecipe.Seed,
            Device = ComputeDevice.Cpu, NumberOfThreads = reader.Int("--threads", 2),
            ImageCacheBytes = long.Parse(reader.Text("--cache-bytes", "0")),
        };
        double rssBefore = ProcessMemory.RssMb();
        var clock = Stopwatch.StartNew();
        var result = new ResNetTrainer(options).Train(train.ToSource(), ImageSamples.FromFiles(Array.Empty<string>(), Array.Empty<int>()), train.ClassNames.Count);
        double seconds = clock.Elapsed.TotalSeconds;
        result.Network.Dispose();
        return new JsonObject
        {
            ["images"] = train.Paths.Count,
            ["epochSeconds"] = seconds,
            ["msPerImage"] = seconds * 1000 / train.Paths.Count,
            ["decodedBytesIfAllKept"] = train.Paths.Count * 3L * Resize(options.ImageSize) * Resize(options.ImageSize),
            ["rssBeforeMb"] = rssBefore,
            ["rssAfterMb"] = ProcessMemory.RssMb(),
            ["peakRssMb"] = ProcessMemory.PeakRssMb(),
        };
    }

    private static long Resize(int imageSize) => (long)Math.Round(imageSize * 256.0 / 224.0);
}
