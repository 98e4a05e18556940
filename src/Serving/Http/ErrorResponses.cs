using System.Text.Json.Nodes;

namespace MlNetResNet.Serving.Http;

/// <summary>
/// The outermost boundary of a request: every failure becomes <c>{"error": "..."}</c>. Client mistakes keep their
/// 4xx status and message; anything else is logged with its stack trace and answered 500 with a fixed message,
/// so no internal detail reaches a client.
/// </summary>
public sealed class ErrorResponses(RequestDelegate next, ILogger<ErrorResponses> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ServingException error)
        {
            await WriteAsync(context, error.StatusCode, error.Message);
        }
        catch (BadHttpRequestException error)
        {
            // Kestrel's own limits (body size while reading, malformed framing).
            await WriteAsync(context, error.StatusCode, error.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is larger than the server accepts." : $"Bad request: {error.Message}");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception error)
        {
            logger.LogError(error, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error; the server log has the details.");
        }
    }

    /// <summary>Writes the error body unless the response has started.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(new JsonObject { ["error"] = message }.ToJsonString(ServingJson.Options));
    }
}
