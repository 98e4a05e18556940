namespace MlNetResNet.Pipelines.Scoring;

/// <summary>How <see cref="ModelZipScorer"/> batches and spreads its work. Every property has a usable default.</summary>
public sealed class ModelZipScorerOptions
{
    /// <summary>Images per ONNX Runtime call in <see cref="ModelZipScorer.ScoreFiles"/>. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Threads that decode and resize images in parallel. Default: one per logical core.</summary>
    public int DecodeThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>ONNX Runtime's threads per call. Default 0: ONNX Runtime's own default (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Whether ONNX Runtime's idle threads spin between parallel sections (ONNX Runtime's default) instead of sleeping.
    /// Default false: spinning threads hold the cores that decode the next batch (see docs/BENCHMARKS.md).
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>
    /// Whether <see cref="ModelZipScorer.ScoreFiles"/> decodes the next batch while ONNX Runtime scores the current one.
    /// Default true. The probabilities do not depend on it.
    /// </summary>
    public bool OverlapDecoding { get; init; } = true;

    internal void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be at least 1.");
        if (DecodeThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(DecodeThreads), DecodeThreads, "DecodeThreads must be at least 1.");
        if (IntraOpThreads < 0)
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be 0 (default) or more.");
    }
}
