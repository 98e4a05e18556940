namespace MlNetResNet.Imaging.FileGuard;

/// <summary>Raised inside the header checks to stop at the first problem; the guard turns it into a verdict.</summary>
internal sealed class ImageRefusedException(string problem) : Exception(problem)
{
    public string Problem { get; } = problem;
}
