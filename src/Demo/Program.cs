using System.CommandLine;
using MlNetResNet.Demo.Cli;
using MlNetResNet.Demo.Output;
using MlNetResNet.Demo.Runs;

Terminal.Configure();
using var cancellation = new CancellationTokenSource();
// First Ctrl+C: stop training after the current batch and keep the best checkpoint. Second: the default (terminate).
Console.CancelKeyPress += (_, press) =>
{
    if (cancellation.IsCancellationRequested) return;
    press.Cancel = true;
    Console.Error.WriteLine("Stopping after the current batch (Ctrl+C again to abort at once)...");
    cancellation.Cancel();
};
var commandLine = new DemoCommandLine((request, _) => Task.FromResult(DemoRunner.Run(request, cancellation.Token)));
// Our own Ctrl+C handling replaces System.CommandLine's, which would end the process two seconds after the key press.
return await commandLine.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellation.Token);
