namespace MlNetResNet.Demo.Cli;

/// <summary><c>evaluate</c>.</summary>
public sealed record EvaluateRequest(string Model, string Data, string? MetricsJson, bool Verbose) : DemoRequest(Verbose)
{
    /// <summary><c>--report</c>: folder for the top losses and most-confused pairs (contact sheets and JSON).</summary>
    public string? ReportFolder { get; init; }
}
