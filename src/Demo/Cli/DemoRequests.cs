namespace MlNetResNet.Demo.Cli;

/// <summary>What the command line asked for; <see cref="Verbose"/> prints stack traces with errors.</summary>
public abstract record DemoRequest(bool Verbose);

/// <summary>No subcommand: the whole story on the bundled synthetic flowers.</summary>
public sealed record StoryRequest(bool Verbose) : DemoRequest(Verbose);

/// <summary><c>train</c>.</summary>
public sealed record TrainRequest(
    string Data, string? Validation, ResNetArchitecture Architecture, int Epochs, int ImageSize, int BatchSize,
    double LearningRate, PretrainedChoice Pretrained, int Seed, string Output, string? MetricsJson, bool Verbose,
    TrainingPrecision Precision = TrainingPrecision.Float32, bool Resume = false,
    ProbabilityCalibration Calibration = ProbabilityCalibration.None, ClassWeighting ClassWeighting = ClassWeighting.None)
    : DemoRequest(Verbose)
{
    /// <summary><c>--fine-tune</c>.</summary>
    public FineTuningMode FineTuning { get; init; } = FineTuningMode.Full;

    /// <summary><c>--cache-dir</c>; null keeps no feature cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary><c>--cache-size</c> in bytes.</summary>
    public long CacheMaxBytes { get; init; } = 1L << 30;

    /// <summary><c>--time-budget</c>; null has none.</summary>
    public TimeSpan? TimeBudget { get; init; }
}

/// <summary><c>evaluate</c>.</summary>
public sealed record EvaluateRequest(string Model, string Data, string? MetricsJson, bool Verbose) : DemoRequest(Verbose)
{
    /// <summary><c>--report</c>: folder for the top losses and most-confused pairs (contact sheets and JSON).</summary>
    public string? ReportFolder { get; init; }
}

/// <summary><c>predict</c>.</summary>
public sealed record PredictRequest(string Model, IReadOnlyList<string> Images, int Top, string? AnnotateFolder, bool Verbose)
    : DemoRequest(Verbose)
{
    /// <summary><c>--explain</c>: folder for one Grad-CAM heatmap PNG per image.</summary>
    public string? ExplainFolder { get; init; }
}

/// <summary><c>split</c>.</summary>
public sealed record SplitRequest(string Data, string Output, double ValidationFraction, int Seed, bool Verbose) : DemoRequest(Verbose);

/// <summary><c>serve</c>: the HTTP server for a model.zip (see src/Serving).</summary>
public sealed record ServeRequest(string Model, int Port, string? Name, int MaxBatch, int MaxDelayMs, string Host, bool Verbose)
    : DemoRequest(Verbose);

/// <summary><c>export</c>: the network as a client-input ONNX file and/or a Triton model repository entry.</summary>
public sealed record ExportRequest(string Model, string? TritonRepository, string? OnnxFile, string? Name, int MaxBatch, bool Verbose)
    : DemoRequest(Verbose);

/// <summary>The <c>--pretrained</c> value: none, imagenet, a .pth file, or a saved model.zip to train on from.</summary>
public sealed record PretrainedChoice(PretrainedWeights Weights, string? Path = null)
{
    /// <summary>Parses <c>none</c>, <c>imagenet</c> (case-insensitive), a <c>.zip</c> path (a saved model) or a <c>.pth</c> path.</summary>
    public static PretrainedChoice Parse(string value) => value.ToLowerInvariant() switch
    {
        "none" => new PretrainedChoice(PretrainedWeights.None),
        "imagenet" => new PretrainedChoice(PretrainedWeights.ImageNet),
        var path when path.EndsWith(".zip", StringComparison.Ordinal) => new PretrainedChoice(PretrainedWeights.FromModel, value),
        _ => new PretrainedChoice(PretrainedWeights.File, value),
    };

    /// <inheritdoc />
    public override string ToString() => Weights switch
    {
        PretrainedWeights.None => "none",
        PretrainedWeights.ImageNet => "imagenet",
        _ => Path ?? "",
    };
}
