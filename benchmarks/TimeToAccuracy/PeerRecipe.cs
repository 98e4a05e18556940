using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks.TimeToAccuracy;

/// <summary>
/// The seed recipe in PyTorch (benchmarks/peer/pytorch_recipe.py, Debian's python3-torch) on the same folders and the
/// same ImageNet ResNet-18 weights, timed from process start to exit. Its curve is cumulative training seconds at each
/// epoch's end (the script reports no per-epoch validation time), so it flatters the peer slightly.
/// </summary>
internal static class PeerRecipe
{
    // The OpenMP wait policy ours sets at assembly load (Training/OpenMpWaitPolicy.cs): on a machine shared with other
    // jobs, libgomp's default spinning left the peer a fraction of the CPU time ours got (8 CPU-minutes in 24 wall minutes).
    private static readonly Dictionary<string, string> PeerEnvironment = new() { ["OMP_WAIT_POLICY"] = "PASSIVE" };

    public static RunResult Fit(BenchmarkSettings settings, string python, string script, int seed)
    {
        string weights = ImageNetPth.Ensure(settings.Data);
        var clock = Stopwatch.StartNew();
        var result = ChildProcess.RunForJson(python,
        [
            script, "--data", settings.DataFolder, "--arch", "resnet18", "--image-size", $"{settings.ImageSize}", "--batch-size", "32",
            "--epochs", $"{settings.Epochs}", "--threads", $"{settings.Threads}", "--workers", $"{settings.Threads}", "--lr", "1e-4",
            "--seed", $"{seed}", "--pretrained", weights, "--latency-repeats", "1",
        ], environment: PeerEnvironment);
        double wall = clock.Elapsed.TotalSeconds;
        var curve = new List<(double, double)>();
        double trained = 0;
        foreach (var epoch in result["epochs"]!.AsArray())
        {
            trained += epoch!["trainSeconds"]!.GetValue<double>();
            curve.Add((trained, epoch["valAccuracy"]!.GetValue<double>()));
        }
        double best = curve.Max(point => point.Item2);
        Console.WriteLine($"pytorch seed {seed}: {wall:F1} s, best val accuracy {best:P2}");
        return new RunResult("pytorch (seed recipe)", seed, wall, best, curve, null);
    }
}
