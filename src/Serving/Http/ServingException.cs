namespace MlNetResNet.Serving.Http;

/// <summary>A request the server answers with <see cref="StatusCode"/> and <c>{"error": Message}</c>.</summary>
public sealed class ServingException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
