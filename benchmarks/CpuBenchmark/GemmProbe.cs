using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MlNetResNet.Benchmarks;

/// <summary>A practical fp32 peak: a large square sgemm through libtorch (torch.mm) on the given threads.</summary>
internal static class GemmProbe
{
    public static double MeasureGflops(int threads, int size = 4096, int repeats = 5)
    {
        torch.set_num_threads(threads);
        using var a = rand(size, size);
        using var b = rand(size, size);
        using (var warm = a.mm(b)) { }
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            using var product = a.mm(b);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * size * size * size / best / 1e9;
    }
}
