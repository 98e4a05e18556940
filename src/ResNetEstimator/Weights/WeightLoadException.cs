namespace MlNetResNet;

/// <summary>
/// A weight file could not be applied: it is malformed, unsafe, or does not fit the network.
/// The message names the file and the problem; the network is left unchanged. (Not an InvalidDataException:
/// that type is sealed.)
/// </summary>
public class WeightLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/> with a one-line <paramref name="problem"/>.</summary>
    public WeightLoadException(string filePath, string problem, Exception? inner = null)
        : this("Weight file", filePath, problem, inner)
    {
    }

    /// <summary>Lets subclasses say what kind of file it was (e.g. "PyTorch checkpoint").</summary>
    protected WeightLoadException(string fileKind, string filePath, string problem, Exception? inner)
        : base($"{fileKind} '{filePath}': {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file (or source description) the weights came from.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong, without the file name.</summary>
    public string Problem { get; }
}
