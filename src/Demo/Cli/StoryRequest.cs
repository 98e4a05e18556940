namespace MlNetResNet.Demo.Cli;

/// <summary>No subcommand: the whole story on the bundled synthetic flowers.</summary>
public sealed record StoryRequest(bool Verbose) : DemoRequest(Verbose);
