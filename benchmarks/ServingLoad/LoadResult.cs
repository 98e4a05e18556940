namespace MlNetResNet.Benchmarks.ServingLoad;

/// <summary>One timed run: what the clients saw.</summary>
internal sealed record LoadResult(string Setting, int Clients, double Seconds, int Requests, int Errors, double P50Ms, double P99Ms,
    IReadOnlyDictionary<string, int> Versions)
{
    public double Throughput => Requests / Seconds;
}
