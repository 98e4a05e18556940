using MlNetResNet.Serving.Http;
using MlNetResNet.Serving.Metrics;
using MlNetResNet.Serving.Models;
using MlNetResNet.Serving.Scoring;
using Prometheus;

namespace MlNetResNet.Serving;

/// <summary>
/// Builds the web application: options from the <c>Serving</c> configuration section (command line switches
/// <c>--model --name --port --host --max-batch --max-delay-ms</c> map onto it), the model registry, the batcher, the
/// middleware (metrics outermost, then errors, then limits) and the routes.
/// </summary>
public static class ServingHost
{
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--model"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Model)}",
        ["--name"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Name)}",
        ["--port"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Port)}",
        ["--host"] = $"{ServingOptions.Section}:{nameof(ServingOptions.Host)}",
        ["--max-batch"] = $"{ServingOptions.Section}:{nameof(ServingOptions.MaxBatch)}",
        ["--max-delay-ms"] = $"{ServingOptions.Section}:{nameof(ServingOptions.MaxDelayMs)}",
        ["--max-body-bytes"] = $"{ServingOptions.Section}:{nameof(ServingOptions.MaxBodyBytes)}",
        ["--max-image-pixels"] = $"{ServingOptions.Section}:{nameof(ServingOptions.MaxImagePixels)}",
        ["--request-timeout-ms"] = $"{ServingOptions.Section}:{nameof(ServingOptions.RequestTimeoutMs)}",
    };

    /// <summary>The application for command-line <paramref name="args"/> (see <see cref="ServingOptions"/>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddCommandLine(args, Switches);
        return Build(builder);
    }

    /// <summary>The application for <paramref name="options"/> (the demo's <c>serve</c> command).</summary>
    public static WebApplication Build(ServingOptions options)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(Settings(options));
        return Build(builder);
    }

    /// <summary>The configuration entries that stand for <paramref name="options"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(ServingOptions options) =>
        typeof(ServingOptions).GetProperties().Where(p => p.CanWrite).Select(p =>
            new KeyValuePair<string, string?>($"{ServingOptions.Section}:{p.Name}",
                Convert.ToString(p.GetValue(options), System.Globalization.CultureInfo.InvariantCulture)));

    private static WebApplication Build(WebApplicationBuilder builder)
    {
        // Structured logs: one JSON object per event, with the message template's named values as fields.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json => json.IncludeScopes = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // Options are read when first resolved, after every configuration source (a test factory's too) is in.
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IConfiguration>().GetSection(ServingOptions.Section).Get<ServingOptions>() ?? new ServingOptions();
            options.Validate();
            return options;
        });
        builder.Services.AddSingleton<ServingMetrics>();
        builder.Services.AddSingleton<Func<string, IImageScorer>>(services =>
        {
            var options = services.GetRequiredService<ServingOptions>();
            return path => new ModelZipImageScorer(path, options.MaxBatch, options.MaxImagePixels);
        });
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddSingleton<DynamicBatcher>();
        builder.Services.AddSingleton<ImageClassifier>();
        builder.Services.AddHostedService<ModelLoading>();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = context.Configuration.GetSection(ServingOptions.Section).Get<ServingOptions>() ?? new ServingOptions();
            kestrel.Listen(System.Net.IPAddress.Parse(options.Host), options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });

        var app = builder.Build();
        app.UseMiddleware<RequestMetrics>();
        app.UseMiddleware<ErrorResponses>();
        app.UseMiddleware<RequestLimits>();
        app.UseRouting();
        InferenceProtocolRoutes.Map(app);
        PredictRoute.Map(app);
        PageRoute.Map(app);
        app.MapMetrics("/metrics", app.Services.GetRequiredService<ServingMetrics>().Registry);
        app.MapFallback((HttpContext context) => ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound,
            $"No route {context.Request.Method} {context.Request.Path}. Routes: GET /, POST /predict, GET /metrics, /v2/health/live, /v2/health/ready, /v2/models/{{name}}[/ready|/infer]."));
        return app;
    }

    /// <summary>Starts the registry with the host and stops it last, after the server has drained.</summary>
    private sealed class ModelLoading(ModelRegistry registry) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            registry.Start();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
