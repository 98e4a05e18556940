using System.Diagnostics;
using TorchSharp;
using MlNetResNet.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MlNetResNet.Training.Format;

/// <summary>
/// Resolves <see cref="TrainingPrecision.Auto"/>: on a CPU whose flags promise native bfloat16 (AMX or AVX512_BF16),
/// times a few training steps of a throwaway network of the run's architecture in float32 and in bfloat16-mixed, at
/// the run's crop size, and picks the faster. Elsewhere float32, unprobed. bfloat16 must win by a margin: a tie is
/// not worth its rounding.
/// </summary>
internal static class PrecisionProbe
{
    private const int ProbeBatch = 8;
    private const int TimedSteps = 2;
    private const double RequiredSpeedup = 1.1;

    public static PrecisionProbeResult Resolve(ResNetClassifierOptions options, Device device)
    {
        if (device.type != DeviceType.CPU)
            return new PrecisionProbeResult([], double.NaN, double.NaN, TrainingPrecision.Float32,
                "float32: the probe runs on CPUs only; choose BFloat16Mixed explicitly on an accelerator");
        var flags = CpuBf16Flags.Read();
        if (flags.Count == 0)
            return new PrecisionProbeResult(flags, double.NaN, double.NaN, TrainingPrecision.Float32,
                "float32: this CPU lists neither amx_bf16 nor avx512_bf16");
        double float32 = ImagesPerSecond(options, TrainingPrecision.Float32);
        double bfloat16 = ImagesPerSecond(options, TrainingPrecision.BFloat16Mixed);
        bool faster = bfloat16 > float32 * RequiredSpeedup;
        var chosen = faster ? TrainingPrecision.BFloat16Mixed : TrainingPrecision.Float32;
        string reason = $"{(faster ? "bf16-mixed" : "float32")}: {string.Join('+', flags)}, probe {float32:0.#} img/s float32 vs " +
                        $"{bfloat16:0.#} img/s bf16-mixed at {options.ImageSize} px";
        return new PrecisionProbeResult(flags, float32, bfloat16, chosen, reason);
    }

    // One warm-up step, then the timed ones, on random inputs: only the arithmetic's speed matters here.
    private static double ImagesPerSecond(ResNetClassifierOptions options, TrainingPrecision precision)
    {
        var probeOptions = options.Copy();
        probeOptions.Precision = precision;
        var format = StepFormat.Resolve(probeOptions, CPU);
        using var network = ResNet.Create(options.Architecture, numClasses: 2);
        if (format.ChannelsLast) MlNetResNet.Training.Format.ChannelsLast.ConvertWeights(network);
        network.train();
        using var optimizer = optim.SGD(network.parameters(), 1e-6);
        var clock = new Stopwatch();
        for (int step = 0; step <= TimedSteps; step++)
        {
            if (step == 1) clock.Start();
            using var scope = NewDisposeScope();
            var images = randn(ProbeBatch, 3, options.ImageSize, options.ImageSize);
            var labels = zeros(ProbeBatch, ScalarType.Int64);
            optimizer.zero_grad();
            var logits = network.forward(format.TrainingInput(images)).to(ScalarType.Float32);
            functional.cross_entropy(logits, labels).backward();
            optimizer.step();
        }
        return ProbeBatch * TimedSteps / clock.Elapsed.TotalSeconds;
    }
}
