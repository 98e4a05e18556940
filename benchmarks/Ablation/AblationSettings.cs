using MlNetResNet.Benchmarks.TimeToAccuracy;

namespace MlNetResNet.Benchmarks.Ablation;

internal sealed record AblationSettings(
    int ImageSize, int SourceSide, int Epochs, int BatchSize, double LearningRate, int[] Seeds, int LargestTrainClass,
    int LargestValidationClass, int Threads, string Data, string Results, IReadOnlyList<string> Rows, string? Merge,
    FlowerPairs Pairs = FlowerPairs.Shape);
