using System.Diagnostics;
using Microsoft.ML;
using MlNetResNet.Pipelines;

namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>Fits one recipe through the ready-made pipeline and times it from the call to the fitted model (export included).</summary>
internal static class RecipeRunner
{
    public static RunResult Fit(string recipe, BenchmarkSettings settings, int seed, Action<ResNetClassifierOptions> configure)
    {
        var train = ImageFolderDataset.Read(Path.Combine(settings.DataFolder, "train"));
        var validation = ImageFolderDataset.Read(Path.Combine(settings.DataFolder, "val"));
        var curve = new List<(double, double)>();
        var clock = new Stopwatch();
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18,
            Pretrained = PretrainedWeights.ImageNet,
            ImageSize = settings.ImageSize,
            BatchSize = 32,
            LearningRate = 1e-4,
            Optimizer = ResNetOptimizer.Adam,
            Epochs = settings.Epochs,
            Seed = seed,
            Recipe = TrainingRecipe.Seed,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = settings.Threads,
            MetricsCallback = metrics =>
            {
                curve.Add((clock.Elapsed.TotalSeconds, metrics.ValidationAccuracy));
                Console.WriteLine(FormattableString.Invariant(
                    $"  {recipe} seed {seed}: {clock.Elapsed.TotalSeconds:F0} s, epoch {metrics.Epoch}, val accuracy {metrics.ValidationAccuracy:P1}"));
            },
        };
        configure(options);
        clock.Start();
        using var model = ImageClassificationPipeline.Train(new MLContext(seed), train, validation, options);
        double wall = clock.Elapsed.TotalSeconds;
        var classifier = model.Classifier!;
        double best = classifier.TrainingHistory.Max(m => m.ValidationAccuracy);
        Console.WriteLine($"{recipe} seed {seed}: {wall:F1} s, best val accuracy {best:P2}, curve " +
                          string.Join(' ', curve.Select(point => FormattableString.Invariant($"{point.Item1:F0}s:{point.Item2:P1}"))) +
                          (classifier.TrainingPlan is { } plan ? $"\n  plan: {plan}" : ""));
        return new RunResult(recipe, seed, wall, best, curve, classifier.TrainingPlan);
    }
}
