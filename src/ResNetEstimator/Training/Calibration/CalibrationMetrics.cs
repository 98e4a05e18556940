namespace MlNetResNet.Training.Calibration;

/// <summary>
/// Calibration figures of scored rows (probability vectors and true labels): expected calibration error over
/// equal-width bins of the top probability, the multiclass Brier score and the negative log-likelihood. They read
/// probabilities only, so they apply to any scorer's output.
/// </summary>
internal static class CalibrationMetrics
{
    /// <summary>The number of bins the metrics JSON reports ECE with (as in Guo et al., 2017).</summary>
    public const int DefaultBins = 15;

    // Same floor as the evaluation report's log-loss, so both agree.
    private const double ProbabilityFloor = 1e-15;

    /// <summary>The reliability diagram's bins; bin b holds top probabilities in (b/bins, (b+1)/bins], the first also 0.</summary>
    public static IReadOnlyList<ReliabilityBin> Bins(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, int bins = DefaultBins)
    {
        Check(probabilities, labels);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "At least one bin is needed.");
        var count = new int[bins];
        var confidence = new double[bins];
        var correct = new int[bins];
        for (int row = 0; row < probabilities.Count; row++)
        {
            var (predicted, top) = ArgMax(probabilities[row]);
            int bin = Math.Clamp((int)Math.Ceiling(top * bins) - 1, 0, bins - 1);
            count[bin]++;
            confidence[bin] += top;
            if (predicted == labels[row]) correct[bin]++;
        }
        return Enumerable.Range(0, bins).Select(bin => new ReliabilityBin((double)bin / bins, (double)(bin + 1) / bins, count[bin],
            count[bin] == 0 ? double.NaN : confidence[bin] / count[bin],
            count[bin] == 0 ? double.NaN : (double)correct[bin] / count[bin])).ToList();
    }

    /// <summary>Σ over bins of (rows in bin / rows) · |accuracy − mean confidence|.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels, int bins = DefaultBins) =>
        ExpectedCalibrationError(Bins(probabilities, labels, bins));

    /// <summary>The same, from bins already built (the report draws them and reports the ECE).</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<ReliabilityBin> bins)
    {
        int rows = bins.Sum(bin => bin.Count);
        return bins.Where(bin => bin.Count > 0).Sum(bin => (double)bin.Count / rows * Math.Abs(bin.Accuracy - bin.MeanConfidence));
    }

    /// <summary>Mean over rows of Σ over classes (p − one-hot)²; 0 is perfect, 2 the worst.</summary>
    public static double BrierScore(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (int row = 0; row < probabilities.Count; row++)
        {
            var p = probabilities[row];
            for (int k = 0; k < p.Length; k++)
            {
                double error = p[k] - (k == labels[row] ? 1.0 : 0.0);
                sum += error * error;
            }
        }
        return sum / probabilities.Count;
    }

    /// <summary>Mean −ln p(true class), p floored at 1e-15.</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        Check(probabilities, labels);
        double sum = 0;
        for (int row = 0; row < probabilities.Count; row++) sum -= Math.Log(Math.Max(probabilities[row][labels[row]], ProbabilityFloor));
        return sum / probabilities.Count;
    }

    // First maximal slot, as ML.NET's PredictedLabel reads it.
    private static (int Index, float Value) ArgMax(float[] values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++) if (values[k] > values[best]) best = k;
        return (best, values[best]);
    }

    private static void Check(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count == 0) throw new ArgumentException("No rows to measure calibration on.", nameof(probabilities));
        if (labels.Count != probabilities.Count)
            throw new ArgumentException($"{probabilities.Count} probability vectors but {labels.Count} labels.", nameof(labels));
        for (int row = 0; row < labels.Count; row++)
            if ((uint)labels[row] >= (uint)probabilities[row].Length)
                throw new ArgumentException($"Row {row}: label {labels[row]} is outside its {probabilities[row].Length} classes.", nameof(labels));
    }
}
