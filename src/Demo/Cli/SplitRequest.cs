namespace MlNetResNet.Demo.Cli;

/// <summary><c>split</c>.</summary>
public sealed record SplitRequest(string Data, string Output, double ValidationFraction, int Seed, bool Verbose) : DemoRequest(Verbose);
