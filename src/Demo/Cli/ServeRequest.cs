namespace MlNetResNet.Demo.Cli;

/// <summary><c>serve</c>: the HTTP server for a model.zip (see src/Serving).</summary>
public sealed record ServeRequest(string Model, int Port, string? Name, int MaxBatch, int MaxDelayMs, string Host, bool Verbose)
    : DemoRequest(Verbose);
