using System.Diagnostics;
using Microsoft.ML;
using MlNetResNet.Pipelines;
using MlNetResNet.Pipelines.Synthetic;

namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>
/// <c>time-to-accuracy flowers-budget</c>: Fit on the demo's synthetic flowers (generated when missing) with a time budget,
/// timed from the call to the fitted model, so the budget's promise (within it plus 10%) can be checked.
/// </summary>
internal static class FlowersBudgetCheck
{
    public static int Run(string data, TimeSpan budget, FineTuningMode mode, int imageSize, int threads)
    {
        SyntheticFlowerGenerator.EnsureGenerated(data);
        var train = ImageFolderDataset.Read(Path.Combine(data, "train"));
        var validation = ImageFolderDataset.Read(Path.Combine(data, "val"));
        var options = new ResNetClassifierOptions
        {
            Architecture = ResNetArchitecture.ResNet18,
            Pretrained = PretrainedWeights.ImageNet,
            ImageSize = imageSize,
            BatchSize = 16,
            Epochs = 5,
            FineTuning = mode,
            TimeBudget = budget,
            Device = ComputeDevice.Cpu,
            NumberOfThreads = threads,
        };
        var clock = Stopwatch.StartNew();
        using var model = ImageClassificationPipeline.Train(new MLContext(1), train, validation, options);
        double seconds = clock.Elapsed.TotalSeconds;
        var classifier = model.Classifier!;
        Console.WriteLine($"flowers, {mode}, {imageSize} px, budget {budget.TotalSeconds:F0} s: Fit took {seconds:F1} s " +
                          $"({seconds / budget.TotalSeconds:P0} of the budget), best val accuracy " +
                          $"{classifier.TrainingHistory.Max(m => m.ValidationAccuracy):P1}\n  plan: {classifier.TrainingPlan}");
        return seconds <= budget.TotalSeconds * 1.1 ? 0 : 1;
    }
}
