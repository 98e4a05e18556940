using TorchSharp;
using MlNetResNet.Training;
using static TorchSharp.torch;

namespace MlNetResNet.Training.Format;

/// <summary>
/// Resolves <see cref="TrainingPrecision.Auto"/>: on a CPU whose flags promise native bfloat16 (AMX or AVX512_BF16),
/// times training steps of a throwaway network of the run's architecture in float32 and in bfloat16-mixed, at the
/// run's crop size, and picks the faster. Elsewhere float32, unprobed. bfloat16 must win by a margin: a tie is not
/// worth its rounding.
/// </summary>
internal static class PrecisionProbe
{
    // The rounds alternate the two precisions and each keeps its fastest step, so a pause of the machine in one
    // step does not decide. Measured on a 2-core EPYC at 64 px: one warm-up and two timed steps of 8 images, one
    // precision after the other, once read 76 img/s for bfloat16 against 96 for float32 where training then ran
    // bfloat16 at 1.4x float32's speed.
    private const int TimedRounds = 3;
    private const double RequiredSpeedup = 1.1;

    // Images per probe step: at small crops a step of 8 is mostly per-step overhead, which hides the kernels'
    // difference; at large crops 8 already keep both cores busy, and more would lengthen the probe.
    private const int SmallCropBatch = 16;
    private const int LargeCropBatch = 8;
    private const int LargeCropFromSize = 128;

    public static PrecisionProbeResult Resolve(ResNetTrainerOptions options, Device device)
    {
        if (device.type != DeviceType.CPU)
            return new PrecisionProbeResult([], double.NaN, double.NaN, TrainingPrecision.Float32,
                "float32: the probe runs on CPUs only; choose BFloat16Mixed explicitly on an accelerator");
        var flags = CpuBf16Flags.Read();
        if (flags.Count == 0)
            return new PrecisionProbeResult(flags, double.NaN, double.NaN, TrainingPrecision.Float32,
                "float32: this CPU lists neither amx_bf16 nor avx512_bf16");
        var (float32, bfloat16) = ImagesPerSecond(options);
        bool faster = bfloat16 > float32 * RequiredSpeedup;
        var chosen = faster ? TrainingPrecision.BFloat16Mixed : TrainingPrecision.Float32;
        string reason = $"{(faster ? "bf16-mixed" : "float32")}: {string.Join('+', flags)}, probe {float32:0.#} img/s float32 vs " +
                        $"{bfloat16:0.#} img/s bf16-mixed at {options.ImageSize} px";
        return new PrecisionProbeResult(flags, float32, bfloat16, chosen, reason);
    }

    private static (double Float32, double BFloat16) ImagesPerSecond(ResNetTrainerOptions options)
    {
        int batch = options.ImageSize >= LargeCropFromSize ? LargeCropBatch : SmallCropBatch;
        using var float32 = new PrecisionProbeRun(options, TrainingPrecision.Float32, batch);
        using var bfloat16 = new PrecisionProbeRun(options, TrainingPrecision.BFloat16Mixed, batch);
        // Warm-up: oneDNN builds its kernels for each shape and type on the first call.
        float32.Step();
        bfloat16.Step();
        double fastestFloat32 = double.MaxValue, fastestBFloat16 = double.MaxValue;
        for (int round = 0; round < TimedRounds; round++)
        {
            fastestFloat32 = Math.Min(fastestFloat32, float32.Step());
            fastestBFloat16 = Math.Min(fastestBFloat16, bfloat16.Step());
        }
        return (batch / fastestFloat32, batch / fastestBFloat16);
    }
}
