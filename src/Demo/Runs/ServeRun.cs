using MlNetResNet.Demo.Cli;
using MlNetResNet.Serving;

namespace MlNetResNet.Demo.Runs;

/// <summary>
/// <c>serve</c>: runs the HTTP server until SIGTERM or Ctrl+C, which stop accepting connections and let the requests
/// in flight finish (ASP.NET Core's host drains them) before the process exits 0.
/// </summary>
internal static class ServeRun
{
    public static int Run(ServeRequest request, CancellationToken cancellation)
    {
        var options = new ServingOptions
        {
            Model = request.Model,
            Name = request.Name,
            Port = request.Port,
            Host = request.Host,
            MaxBatch = request.MaxBatch,
            MaxDelayMs = request.MaxDelayMs,
        };
        options.Validate();
        using var app = ServingHost.Build(options);
        // The IHost overload: a cancelled token (Ctrl+C) stops the host the same graceful way SIGTERM does.
        Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.RunAsync(app, cancellation).GetAwaiter().GetResult();
        return 0;
    }
}
