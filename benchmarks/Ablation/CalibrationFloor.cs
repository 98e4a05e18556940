namespace MlNetResNet.Benchmarks.Ablation;

/// <summary>
/// The 15-bin expected calibration error that a perfectly calibrated model with the same top probabilities would still
/// show on as many images: each image is drawn right with exactly its top probability. An ECE near this floor cannot be
/// told apart from the sampling noise of the validation set's size.
/// </summary>
internal static class CalibrationFloor
{
    private const int Bins = 15;

    public static double ExpectedCalibrationError(IReadOnlyList<double> topProbabilities, int draws = 1000, int seed = 1)
    {
        // Bin b holds (b/15, (b+1)/15], as the library's ECE.
        var bin = topProbabilities.Select(p => Math.Clamp((int)Math.Ceiling(p * Bins) - 1, 0, Bins - 1)).ToArray();
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
}
