namespace MlNetResNet.Demo.Cli;

/// <summary><c>predict</c>.</summary>
public sealed record PredictRequest(string Model, IReadOnlyList<string> Images, int Top, string? AnnotateFolder, bool Verbose)
    : DemoRequest(Verbose)
{
    /// <summary><c>--explain</c>: folder for one Grad-CAM heatmap PNG per image.</summary>
    public string? ExplainFolder { get; init; }
}
