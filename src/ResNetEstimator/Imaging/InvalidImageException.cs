namespace MlNetResNet;

/// <summary>An image that cannot be used: unreadable, undecodable, too large, or in an unsupported pixel format.</summary>
public sealed class InvalidImageException : Exception
{
    /// <summary>Creates the exception for one image.</summary>
    /// <param name="imageSource">Which image: a path, or a row description such as "row 12".</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The decoder's own exception, when there is one.</param>
    public InvalidImageException(string imageSource, string problem, Exception? innerException = null)
        : base($"Image {imageSource}: {problem}", innerException)
    {
        ImageSource = imageSource;
        Problem = problem;
    }

    /// <summary>Which image failed (path or row description).</summary>
    public string ImageSource { get; }

    /// <summary>What is wrong with the image, without the source.</summary>
    public string Problem { get; }

    /// <summary>The first <see cref="InvalidImageException"/> in <paramref name="error"/>'s chain of inner exceptions, if any.</summary>
    internal static InvalidImageException? FindIn(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
            if (error is InvalidImageException invalid) return invalid;
        return null;
    }
}
