namespace MlNetResNet.Benchmarks;

/// <summary>What one comparison runs on: data, network, recipe and thread budget, the same for both sides.</summary>
internal sealed record RunSettings(string Data, string Arch, int ImageSize, int BatchSize, int Epochs, int Threads,
    int Workers, double LearningRate, int Seed, int LatencyRepeats, string Precision = "fp32", string PretrainedPth = "")
{
    public int ResizeSize => (int)Math.Round(ImageSize * 256 / 224.0, MidpointRounding.ToEven);

    public static RunSettings Parse(ArgumentReader reader) => new(
        reader.Text("--data", ""), reader.Text("--arch", "resnet18"), reader.Int("--image-size", 64),
        reader.Int("--batch-size", 32), reader.Int("--epochs", 3), reader.Int("--threads", Environment.ProcessorCount),
        reader.Int("--workers", Environment.ProcessorCount), reader.Double("--lr", 1e-3), reader.Int("--seed", 1),
        reader.Int("--latency-repeats", 30), reader.Text("--precision", "fp32"), reader.Text("--pretrained-pth", ""));

    /// <summary>ImageNet starting weights on both sides: ours from its offline ONNX, the peer from the same weights as .pth.</summary>
    public bool Pretrained => PretrainedPth.Length > 0;

    /// <summary>The same settings as command-line arguments (for child processes).</summary>
    public IEnumerable<string> ToArguments() => new[]
    {
        "--data", Data, "--arch", Arch, "--image-size", $"{ImageSize}", "--batch-size", $"{BatchSize}",
        "--epochs", $"{Epochs}", "--threads", $"{Threads}", "--workers", $"{Workers}", "--lr", $"{LearningRate:R}",
        "--seed", $"{Seed}", "--latency-repeats", $"{LatencyRepeats}", "--precision", Precision,
        "--pretrained-pth", PretrainedPth,
    };
}
