namespace MlNetResNet.Demo.Runs;

/// <summary>Training was stopped with Ctrl+C; the message says where the best checkpoint is.</summary>
internal sealed class DemoCancelledException(string message, Exception inner) : Exception(message, inner);
