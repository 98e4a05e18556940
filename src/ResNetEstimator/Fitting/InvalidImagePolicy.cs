namespace MlNetResNet;

/// <summary>What happens to an image that cannot be decoded.</summary>
public enum InvalidImagePolicy
{
    /// <summary>Leave it out, count it in the training history, and go on.</summary>
    Skip,
    /// <summary>Throw, naming the row and the path when known.</summary>
    Throw,
}
