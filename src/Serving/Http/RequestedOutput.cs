namespace MlNetResNet.Serving.Http;

/// <summary>An output an infer request asks for; <paramref name="Classification"/> is K of the classification extension.</summary>
public sealed record RequestedOutput(string Name, int? Classification);
