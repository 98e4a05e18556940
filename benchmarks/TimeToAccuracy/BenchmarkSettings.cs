namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>The command line of the benchmark.</summary>
internal sealed record BenchmarkSettings(int ImageSize, int Epochs, int[] Seeds, int TrainPerClass, int ValidationPerClass,
    int SourceSide, int Threads, string Data, string Results, string? Python, string PeerScript)
{
    public string DataFolder => Path.Combine(Data, $"flowers10-{TrainPerClass}-{ValidationPerClass}-{SourceSide}px");
}
