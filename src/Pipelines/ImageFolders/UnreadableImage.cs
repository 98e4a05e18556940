namespace MlNetResNet.Pipelines;

/// <summary>An image file that cannot be read, and why.</summary>
/// <param name="ImagePath">The file.</param>
/// <param name="Reason">What went wrong (format unknown, truncated header, I/O error).</param>
public sealed record UnreadableImage(string ImagePath, string Reason);
