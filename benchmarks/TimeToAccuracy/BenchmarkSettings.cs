namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>The command line of the benchmark.</summary>
internal sealed record BenchmarkSettings(int ImageSize, int Epochs, int[] Seeds, int TrainPerClass, int ValidationPerClass,
    int SourceSide, int Threads, string Data, string Results, string? Python, string PeerScript, FlowerPairs Pairs = FlowerPairs.Shape,
    bool OursFull = true)
{
    // The tone set kept its original folder name, so earlier data are reused as they were.
    public string DataFolder => Path.Combine(Data,
        $"flowers10{(Pairs == FlowerPairs.Shape ? "-shape" : "")}-{TrainPerClass}-{ValidationPerClass}-{SourceSide}px");
}
