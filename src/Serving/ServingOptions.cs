namespace MlNetResNet.Serving;

/// <summary>What <c>mlnet-resnet serve</c> takes; each default is the one the command line documents.</summary>
public sealed class ServingOptions
{
    /// <summary>Configuration section the options are read from.</summary>
    public const string Section = "Serving";

    /// <summary>The model.zip to serve (required). Replacing the file reloads the model.</summary>
    public string Model { get; set; } = "";

    /// <summary>Model name in the v2 routes. Default: the model file's name without extension.</summary>
    public string? Name { get; set; }

    /// <summary>TCP port. Default 8080.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>Address to listen on. Default 127.0.0.1 (loopback only); 0.0.0.0 for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Most images scored in one ONNX Runtime call. 1 turns the batcher off. Default 16.</summary>
    public int MaxBatch { get; set; } = 16;

    /// <summary>Longest wait for a batch to fill, in milliseconds. Default 5.</summary>
    public int MaxDelayMs { get; set; } = 5;

    /// <summary>Largest request body in bytes (413 above). Default 32 MiB.</summary>
    public long MaxBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest image in pixels (width·height, read from the header; 400 above). Default 40 megapixels.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Time a request may take before it is answered 503. Default 30 000 ms.</summary>
    public int RequestTimeoutMs { get; set; } = 30_000;

    /// <summary>The served name: <see cref="Name"/>, or the model file's name without extension.</summary>
    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? Path.GetFileNameWithoutExtension(Model) : Name;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and what is accepted.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("--model is required: the model.zip to serve.");
        if (!File.Exists(Model)) throw new FileNotFoundException($"--model: the file '{Model}' does not exist.", Model);
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port must be 0..65535, not {Port}.");
        if (MaxBatch < 1) throw new ArgumentException($"--max-batch must be at least 1, not {MaxBatch}.");
        if (MaxDelayMs < 0) throw new ArgumentException($"--max-delay-ms must be 0 or more, not {MaxDelayMs}.");
        if (MaxBodyBytes < 1) throw new ArgumentException($"The body cap must be positive, not {MaxBodyBytes}.");
        if (MaxImagePixels < 1) throw new ArgumentException($"The pixel cap must be positive, not {MaxImagePixels}.");
        if (RequestTimeoutMs < 1) throw new ArgumentException($"The request timeout must be positive, not {RequestTimeoutMs} ms.");
    }

    /// <summary>A copy (options passed in are never written to).</summary>
    public ServingOptions Clone() => (ServingOptions)MemberwiseClone();
}
