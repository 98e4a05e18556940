namespace MlNetResNet.Demo.Cli;

/// <summary>What the command line asked for; <see cref="Verbose"/> prints stack traces with errors.</summary>
public abstract record DemoRequest(bool Verbose);
