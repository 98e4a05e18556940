using MlNetResNet.Imaging;
namespace MlNetResNet.Training.Recipe;

/// <summary>Beta(α, β) samples from a <see cref="SampleRandom"/>, through two gamma samples (Marsaglia–Tsang).</summary>
internal static class BetaDistribution
{
    public static double Sample(ref SampleRandom random, double alpha, double beta)
    {
        double x = Gamma(ref random, alpha), y = Gamma(ref random, beta);
        return x / (x + y);
    }

    private static double Gamma(ref SampleRandom random, double shape)
    {
        if (!(shape > 0)) throw new ArgumentOutOfRangeException(nameof(shape), shape, "The shape must be positive.");
        // Below 1: Gamma(a) = Gamma(a + 1) · U^(1/a).
        if (shape < 1) return Gamma(ref random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(ref random), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    // Box–Muller; one of the pair is enough here.
    private static double Normal(ref SampleRandom random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
