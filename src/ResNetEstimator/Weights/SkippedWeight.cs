namespace MlNetResNet;

/// <summary>A tensor of the file (or of the network) that was not loaded, and why.</summary>
/// <param name="Key">The state-dict key, after prefix stripping.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedWeight(string Key, string Reason);
