using MlNetResNet.Training.Format;
using MlNetResNet.Training.Planning;

namespace MlNetResNet.Tests.Training.FineTuning;

/// <summary>Precision = Auto resolves once, from this CPU's flags and (where they promise bfloat16) a measured probe.</summary>
public sealed class PrecisionAutoTests
{
    [Fact]
    public void AutoResolvesToAConcretePrecisionAndSaysWhy()
    {
        var options = TrainingFixtures.Options(epochs: 1);
        options.Precision = TrainingPrecision.Auto;
        options.FineTuning = FineTuningMode.HeadOnly;
        using var fixtures = new TrainingFixtures();
        var result = new ResNetTrainer(options) { DataWorkers = 1 }.Train(fixtures.Shapes(12, 1), fixtures.Shapes(6, 2), ShapeImages.Classes);
        result.Network.Dispose();

        var probe = result.Plan!.PrecisionProbe!;
        Assert.NotEqual(TrainingPrecision.Auto, probe.Chosen);
        Assert.Equal(probe.Chosen, result.Plan.Precision);
        Assert.Equal(CpuBf16Flags.Read(), probe.CpuFlags);
        // Probed exactly when the CPU lists a bfloat16 flag; float32 without one.
        Assert.Equal(probe.CpuFlags.Count > 0, double.IsFinite(probe.Float32ImagesPerSecond) && double.IsFinite(probe.BFloat16ImagesPerSecond));
        if (probe.CpuFlags.Count == 0) Assert.Equal(TrainingPrecision.Float32, probe.Chosen);
        Assert.False(string.IsNullOrWhiteSpace(probe.Reason));
    }

    [Fact]
    public void CpuFlagsAreReadFromTheFlagsLine()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "processor\t: 0\nflags\t\t: fpu sse avx512f avx512_bf16 amx_tile\nbugs\t\t: amx_bf16\n");
            Assert.Equal(["avx512_bf16"], CpuBf16Flags.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
