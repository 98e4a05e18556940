namespace MlNetResNet.Demo.Cli;

/// <summary><c>export</c>: the network as a client-input ONNX file and/or a Triton model repository entry.</summary>
public sealed record ExportRequest(string Model, string? TritonRepository, string? OnnxFile, string? Name, int MaxBatch, bool Verbose)
    : DemoRequest(Verbose);
