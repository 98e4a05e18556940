namespace MlNetResNet.Benchmarks.ServingLoad;

/// <summary>One timed run: what the clients saw.</summary>
internal sealed record LoadResult(string Setting, int Clients, double Seconds, int Errors, double[] SortedLatenciesMs,
    IReadOnlyDictionary<string, int> Versions)
{
    public int Requests => SortedLatenciesMs.Length;
    public double Throughput => Requests / Seconds;
    public double P50Ms => Percentile(0.50);
    public double P99Ms => Percentile(0.99);

    private double Percentile(double p) => SortedLatenciesMs.Length == 0
        ? double.NaN
        : SortedLatenciesMs[Math.Min(SortedLatenciesMs.Length - 1, (int)Math.Ceiling(p * SortedLatenciesMs.Length) - 1)];
}
