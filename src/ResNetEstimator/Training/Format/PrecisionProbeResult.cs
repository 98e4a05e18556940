namespace MlNetResNet;

/// <summary>What <see cref="TrainingPrecision.Auto"/> measured and chose.</summary>
/// <param name="CpuFlags">The bfloat16 flags /proc/cpuinfo lists (amx_bf16, avx512_bf16), empty when none.</param>
/// <param name="Float32ImagesPerSecond">Training images/s of the float32 probe; NaN when not probed.</param>
/// <param name="BFloat16ImagesPerSecond">Training images/s of the bfloat16-mixed probe; NaN when not probed.</param>
/// <param name="Chosen">The precision training used.</param>
/// <param name="Reason">Why, in one sentence.</param>
public sealed record PrecisionProbeResult(IReadOnlyList<string> CpuFlags, double Float32ImagesPerSecond,
    double BFloat16ImagesPerSecond, TrainingPrecision Chosen, string Reason);
