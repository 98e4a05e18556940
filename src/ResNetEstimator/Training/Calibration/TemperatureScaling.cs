namespace MlNetResNet.Training.Calibration;

/// <summary>
/// Fits the temperature T that minimises the mean negative log-likelihood of softmax(logits / T) on labelled
/// logits. The loss is convex in β = 1/T, so a golden-section search over β finds its minimum without gradients
/// or a learning rate; the search is deterministic.
/// </summary>
public static class TemperatureScaling
{
    // T in [0.05, 20]: wider than any temperature seen in the calibration literature for image classifiers.
    private const double MinInverseTemperature = 0.05;
    private const double MaxInverseTemperature = 20;
    private const int SearchSteps = 80;

    /// <summary>The fitted temperature and the calibration before and after it.</summary>
    /// <param name="logits">One logit vector per row (same length).</param>
    /// <param name="labels">The true class of each row.</param>
    public static CalibrationResult Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(labels);
        if (logits.Count == 0) throw new ArgumentException("Temperature scaling needs at least one validation row.", nameof(logits));
        double beta = GoldenSectionMinimum(b => MeanNll(logits, labels, b), MinInverseTemperature, MaxInverseTemperature);
        // Keep T = 1 unless the search found a strictly lower loss (a flat loss, e.g. all rows certain, leaves it alone).
        if (MeanNll(logits, labels, beta) >= MeanNll(logits, labels, 1.0)) beta = 1.0;
        var before = Softmax(logits, 1.0);
        var after = Softmax(logits, beta);
        return new CalibrationResult(1.0 / beta,
            CalibrationMetrics.ExpectedCalibrationError(before, labels), CalibrationMetrics.ExpectedCalibrationError(after, labels),
            CalibrationMetrics.NegativeLogLikelihood(before, labels), CalibrationMetrics.NegativeLogLikelihood(after, labels),
            logits.Count);
    }

    /// <summary>softmax(logits · <paramref name="inverseTemperature"/>) per row, computed in double.</summary>
    public static IReadOnlyList<float[]> Softmax(IReadOnlyList<float[]> logits, double inverseTemperature) =>
        logits.Select(row =>
        {
            double max = row.Max();
            var exp = row.Select(z => Math.Exp((z - max) * inverseTemperature)).ToArray();
            double sum = exp.Sum();
            return exp.Select(e => (float)(e / sum)).ToArray();
        }).ToList();

    // Exact log-softmax in double: the floored NLL of rounded float probabilities would flatten the loss near certainty.
    private static double MeanNll(IReadOnlyList<float[]> logits, IReadOnlyList<int> labels, double beta)
    {
        double sum = 0;
        for (int row = 0; row < logits.Count; row++)
        {
            var z = logits[row];
            double max = z.Max() * beta, total = 0;
            foreach (float value in z) total += Math.Exp(value * beta - max);
            sum += max + Math.Log(total) - z[labels[row]] * beta;
        }
        return sum / logits.Count;
    }

    private static double GoldenSectionMinimum(Func<double, double> f, double low, double high)
    {
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = low, b = high;
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        double fc = f(c), fd = f(d);
        for (int step = 0; step < SearchSteps; step++)
        {
            if (fc <= fd)
            {
                b = d; d = c; fd = fc;
                c = b - ratio * (b - a); fc = f(c);
            }
            else
            {
                a = c; c = d; fc = fd;
                d = a + ratio * (b - a); fd = f(d);
            }
        }
        return (a + b) / 2;
    }
}
