using Microsoft.AspNetCore.Http.Features;

namespace MlNetResNet.Serving.Http;

/// <summary>
/// The body cap (413 before reading when Content-Length says so; Kestrel stops a chunked body at the same cap) and
/// the per-request timeout (503 after <c>RequestTimeoutMs</c>), which cancels <c>HttpContext.RequestAborted</c>-linked work.
/// </summary>
public sealed class RequestLimits(RequestDelegate next, ServingOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes)
            throw new ServingException(StatusCodes.Status413PayloadTooLarge,
                $"The request body is {context.Request.ContentLength:N0} bytes; the server accepts at most {options.MaxBodyBytes:N0}.");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = options.MaxBodyBytes;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.RequestTimeoutMs);
        context.Items[TimeoutKey] = timeout.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            throw new ServingException(StatusCodes.Status503ServiceUnavailable,
                $"The request took longer than the server's limit of {options.RequestTimeoutMs} ms.");
        }
    }

    private const string TimeoutKey = "MlNetResNet.Serving.Timeout";

    /// <summary>The request's token: cancelled when the client goes away or the timeout passes.</summary>
    public static CancellationToken Token(HttpContext context) =>
        context.Items.TryGetValue(TimeoutKey, out var token) ? (CancellationToken)token! : context.RequestAborted;
}
