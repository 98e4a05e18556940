using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MlNetResNet;

/// <summary>
/// Routes <see cref="ResNetTrainerOptions.Log"/> to <c>MLContext.Log</c>. The catalog methods cannot do it themselves:
/// ML.NET 5 keeps a catalog's <c>MLContext</c> internal (<c>IInternalCatalog.Environment</c>), so the context has to be
/// handed over: <c>options.Log = ResNetClassifierLog.To(mlContext)</c>.
/// </summary>
public static class ResNetClassifierLog
{
    /// <summary>Name of the log source; <c>LoggingEventArgs.Source</c> starts with it.</summary>
    public const string SourceName = "ResNetClassifier";

    /// <summary>
    /// A log writer that sends each line to <paramref name="mlContext"/>'s <c>Log</c> event as an Info message, through
    /// ML.NET's public channel API (<c>IHostEnvironment.Register</c>, <c>IChannel.Info</c>).
    /// </summary>
    public static Action<string> To(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        IHost host = ((IHostEnvironment)mlContext).Register(SourceName);
        return line =>
        {
            using var channel = host.Start("Fit");
            channel.Info(MessageSensitivity.None, line);
        };
    }
}
