namespace MlNetResNet.Serving.Scoring;

/// <summary>An uploaded image that cannot be scored (not an image, corrupt, above the pixel cap); a client error.</summary>
public sealed class ImageRejectedException(string message, Exception? inner = null) : Exception(message, inner);
