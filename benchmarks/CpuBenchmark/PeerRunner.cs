using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks;

/// <summary>The PyTorch peer (benchmarks/peer/pytorch_recipe.py) with Debian's python3, on the same settings.</summary>
internal static class PeerRunner
{
    public static JsonObject Run(RunSettings settings, bool channelsLast, string repoRoot, string python)
    {
        var arguments = new List<string>
        {
            Path.Combine(repoRoot, "benchmarks", "peer", "pytorch_recipe.py"),
            "--data", settings.Data, "--arch", settings.Arch, "--image-size", $"{settings.ImageSize}",
            "--batch-size", $"{settings.BatchSize}", "--epochs", $"{settings.Epochs}", "--threads", $"{settings.Threads}",
            "--workers", $"{settings.Workers}", "--lr", $"{settings.LearningRate:R}", "--seed", $"{settings.Seed}",
            "--latency-repeats", $"{settings.LatencyRepeats}",
        };
        if (channelsLast) arguments.Add("--channels-last");
        if (settings.Pretrained) arguments.AddRange(new[] { "--pretrained", settings.PretrainedPth });
        var result = ChildProcess.RunForJson(python, arguments);
        result["side"] = channelsLast ? "peer-channels-last" : "peer";
        return result;
    }
}
