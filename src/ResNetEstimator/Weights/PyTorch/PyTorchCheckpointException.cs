namespace MlNetResNet;

/// <summary>
/// A <c>.pth</c> file could not be read: missing parts, a truncated or corrupt archive, sizes that do not fit
/// the file, or a pickle that asks for something other than tensors and dictionaries.
/// </summary>
public sealed class PyTorchCheckpointException : WeightLoadException
{
    /// <summary>Creates the exception for <paramref name="filePath"/> with a one-line <paramref name="problem"/>.</summary>
    public PyTorchCheckpointException(string filePath, string problem, Exception? inner = null)
        : base("PyTorch checkpoint", filePath, problem, inner)
    {
    }
}
