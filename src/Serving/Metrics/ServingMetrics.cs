using Prometheus;

namespace MlNetResNet.Serving.Metrics;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own (so two servers in one test process do not share
/// counters): requests and errors by route and status code, request latency, images per network call, and the
/// served model version as an info-style gauge.
/// </summary>
public sealed class ServingMetrics
{
    private readonly Counter requests;
    private readonly Counter errors;
    private readonly Histogram latency;
    private readonly Histogram batchSize;
    private readonly Gauge modelInfo;
    private readonly Counter reloads;

    public ServingMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        requests = factory.CreateCounter("mlnet_serving_requests_total", "HTTP requests by route and status code.",
            new CounterConfiguration { LabelNames = ["route", "code"] });
        errors = factory.CreateCounter("mlnet_serving_errors_total", "HTTP responses with status 400 or above, by route and status code.",
            new CounterConfiguration { LabelNames = ["route", "code"] });
        latency = factory.CreateHistogram("mlnet_serving_request_duration_seconds", "Time from request start to response end, by route.",
            new HistogramConfiguration { LabelNames = ["route"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        batchSize = factory.CreateHistogram("mlnet_serving_batch_size", "Images scored in one ONNX Runtime call.",
            new HistogramConfiguration { Buckets = [1, 2, 4, 8, 16, 32, 64, 128] });
        modelInfo = factory.CreateGauge("mlnet_serving_model_info", "1 for the model version being served.",
            new GaugeConfiguration { LabelNames = ["model", "version"] });
        reloads = factory.CreateCounter("mlnet_serving_model_loads_total", "Model loads by outcome (loaded, failed).",
            new CounterConfiguration { LabelNames = ["outcome"] });
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    public void RequestFinished(string route, int statusCode, TimeSpan elapsed)
    {
        string code = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        requests.WithLabels(route, code).Inc();
        if (statusCode >= 400) errors.WithLabels(route, code).Inc();
        latency.WithLabels(route).Observe(elapsed.TotalSeconds);
    }

    public void BatchScored(int images) => batchSize.Observe(images);

    public void ModelLoaded(string model, string? oldVersion, string newVersion)
    {
        if (oldVersion is not null) modelInfo.RemoveLabelled(model, oldVersion);
        modelInfo.WithLabels(model, newVersion).Set(1);
        reloads.WithLabels("loaded").Inc();
    }

    public void ReloadFailed() => reloads.WithLabels("failed").Inc();
}
