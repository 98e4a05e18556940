namespace MlNetResNet;

/// <summary>Arithmetic of the training step. Validation and the saved model are float32 either way.</summary>
public enum TrainingPrecision
{
    /// <summary>Float32 throughout, as the PyTorch recipe.</summary>
    Float32,
    /// <summary>
    /// Convolutions and <c>fc</c> in bfloat16 with float32 weights, gradients and optimizer state (what PyTorch's
    /// autocast does). About 1.7× faster at 224 px on a CPU with AMX (Intel Sapphire Rapids and later; measured);
    /// expected to be slower than float32 on CPUs without native bfloat16 (not measured).
    /// </summary>
    BFloat16Mixed,
    /// <summary>
    /// <see cref="BFloat16Mixed"/> where a short probe at the start of training measured it faster than float32 on
    /// this CPU (only CPUs whose /proc/cpuinfo lists amx_bf16 or avx512_bf16 are probed), <see cref="Float32"/>
    /// otherwise. The probe's figures are in <see cref="TrainingPlan.PrecisionProbe"/>.
    /// </summary>
    Auto,
}
