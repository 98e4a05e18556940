using System.Diagnostics;
using MlNetResNet.Serving.Metrics;

namespace MlNetResNet.Serving.Http;

/// <summary>Counts every response by its route template (not the raw path, which would explode the label set).</summary>
public sealed class RequestMetrics(RequestDelegate next, ServingMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RequestFinished(route, context.Response.StatusCode, Stopwatch.GetElapsedTime(start));
        }
    }
}
