using MlNetResNet.Pipelines;

namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>
/// Two yardsticks for a 15-bin expected calibration error (bin b holds top probabilities in (b/15, (b+1)/15], as the
/// library's ECE): the error that sampling noise alone leaves on a validation set of this size, and the lowest error
/// that any single temperature reaches on it.
/// </summary>
internal static class CalibrationFloor
{
    private const int Bins = 15;

    /// <summary>
    /// The ECE that a perfectly calibrated model with the same top probabilities would still show on as many images:
    /// each image is drawn right with exactly its top probability (mean of <paramref name="draws"/> draws). An ECE near
    /// this floor cannot be told apart from the sampling noise of the validation set's size.
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> topProbabilities, int draws = 1000, int seed = 1)
    {
        var bin = topProbabilities.Select(BinOf).ToArray();
        var confidence = new double[Bins];
        foreach (var (p, b) in topProbabilities.Zip(bin)) confidence[b] += p;
        var random = new Random(seed);
        var right = new double[Bins];
        double total = 0;
        for (int draw = 0; draw < draws; draw++)
        {
            Array.Clear(right);
            for (int i = 0; i < bin.Length; i++)
                if (random.NextDouble() < topProbabilities[i]) right[bin[i]]++;
            total += Enumerable.Range(0, Bins).Sum(b => Math.Abs(right[b] - confidence[b])) / bin.Length;
        }
        return total / draws;
    }

    /// <summary>
    /// The lowest ECE that any single temperature reaches on these rows, as the library's evaluation report computes it.
    /// Scaling the log-probabilities of softmax(z / T) by s gives softmax(z / (T / s)), so every other temperature is
    /// reachable from the saved scores.
    /// </summary>
    public static double BestTemperatureExpectedCalibrationError(IReadOnlyList<string> classNames, IReadOnlyList<ScoredExample> rows)
    {
        double best = double.MaxValue;
        // s from 1/8 to 8, log-spaced: temperatures from an eighth to eight times the fitted one.
        for (int step = -150; step <= 150; step++)
        {
            double scale = Math.Pow(8, step / 150.0);
            var scaled = rows.Select(row => row with { Scores = Softmax(row.Scores, scale) }).ToList();
            best = Math.Min(best, EvaluationReport.Compute(classNames, scaled).ExpectedCalibrationError);
        }
        return best;
    }

    // softmax(s · ln p).
    private static float[] Softmax(float[] probabilities, double scale)
    {
        var logits = probabilities.Select(p => scale * Math.Log(Math.Max(p, 1e-30))).ToArray();
        double max = logits.Max();
        double sum = logits.Sum(l => Math.Exp(l - max));
        return logits.Select(l => (float)(Math.Exp(l - max) / sum)).ToArray();
    }

    private static int BinOf(double topProbability) => Math.Clamp((int)Math.Ceiling(topProbability * Bins) - 1, 0, Bins - 1);
}
