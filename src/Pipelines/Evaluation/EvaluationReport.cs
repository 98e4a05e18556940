using MlNetResNet.Training.Calibration;

namespace MlNetResNet.Pipelines;

/// <summary>
/// Classification metrics computed from scored rows: micro/macro accuracy, log-loss, top-k accuracy, per-class
/// precision/recall/F1, the confusion matrix with class names and the worst-predicted images. Definitions follow
/// ML.NET's multiclass evaluator where it has the same figure (macro accuracy = mean recall over classes present in the
/// data; log-loss = mean −ln p(true class), p clamped at 1e-15).
/// </summary>
public sealed class EvaluationReport
{
    private const double ProbabilityFloor = 1e-15;

    /// <summary>Classes with fewer evaluated images than this are flagged: their recall moves by ≥ 10 points per image.</summary>
    public const int LowSupportThreshold = 10;

    private EvaluationReport(IReadOnlyList<string> classNames, int count, int topK)
    {
        ClassNames = classNames;
        Count = count;
        TopK = topK;
        ConfusionMatrix = new int[classNames.Count, classNames.Count];
    }

    /// <summary>Class names in index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Rows evaluated.</summary>
    public int Count { get; }

    /// <summary>Fraction of rows predicted correctly.</summary>
    public double MicroAccuracy { get; private set; }

    /// <summary>Mean per-class recall over the classes present in the data.</summary>
    public double MacroAccuracy { get; private set; }

    /// <summary>Mean −ln of the probability given to the true class.</summary>
    public double LogLoss { get; private set; }

    /// <summary>Expected calibration error over 15 equal-width bins of the top probability (<see cref="CalibrationMetrics"/>).</summary>
    public double ExpectedCalibrationError { get; private set; }

    /// <summary>Mean over rows of Σ over classes (p − one-hot)² (<see cref="CalibrationMetrics.BrierScore"/>).</summary>
    public double BrierScore { get; private set; }

    /// <summary>The reliability diagram: 15 equal-width bins of the top probability with their accuracy.</summary>
    public IReadOnlyList<ReliabilityBin> ReliabilityBins { get; private set; } = [];

    /// <summary>The k of <see cref="TopKAccuracy"/>.</summary>
    public int TopK { get; }

    /// <summary>Fraction of rows whose true class is among the <see cref="TopK"/> highest scores.</summary>
    public double TopKAccuracy { get; private set; }

    /// <summary>Per-class precision, recall, F1 and support, in class order.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; private set; } = [];

    /// <summary>Names of the classes with fewer than <see cref="LowSupportThreshold"/> images here (none included), in class order.</summary>
    public IReadOnlyList<string> LowSupportClasses =>
        PerClass.Where(metrics => metrics.Support < LowSupportThreshold).Select(metrics => metrics.ClassName).ToList();

    /// <summary>Counts, indexed [true class, predicted class].</summary>
    public int[,] ConfusionMatrix { get; }

    /// <summary>The rows with the lowest true-class probability, worst first.</summary>
    public IReadOnlyList<WorstPrediction> WorstPredictions { get; private set; } = [];

    /// <summary>Computes the report; every row's <see cref="ScoredExample.Scores"/> must have one entry per class.</summary>
    /// <exception cref="ArgumentException">No rows, a score vector of the wrong length, or a label outside the classes.</exception>
    public static EvaluationReport Compute(IReadOnlyList<string> classNames, IReadOnlyList<ScoredExample> rows,
        int topK = 2, int worstCount = 5)
    {
        if (rows.Count == 0) throw new ArgumentException("No scored rows to evaluate.", nameof(rows));
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), topK, "Must be at least 1.");
        int classes = classNames.Count;
        var report = new EvaluationReport(classNames, rows.Count, Math.Min(topK, classes));
        int correct = 0, inTopK = 0;
        double logLoss = 0;
        foreach (var row in rows)
        {
            if (row.Scores.Length != classes)
                throw new ArgumentException($"A score vector has {row.Scores.Length} entries for {classes} classes.", nameof(rows));
            if ((uint)row.Label >= (uint)classes)
                throw new ArgumentException($"Label index {row.Label} is outside the {classes} classes.", nameof(rows));
            int predicted = row.Predicted;
            report.ConfusionMatrix[row.Label, predicted]++;
            if (predicted == row.Label) correct++;
            if (row.RankOfLabel < report.TopK) inTopK++;
            logLoss -= Math.Log(Math.Max(row.Scores[row.Label], ProbabilityFloor));
        }
        report.MicroAccuracy = (double)correct / rows.Count;
        report.TopKAccuracy = (double)inTopK / rows.Count;
        report.LogLoss = logLoss / rows.Count;
        var probabilities = rows.Select(row => row.Scores).ToList();
        var labels = rows.Select(row => row.Label).ToList();
        report.ReliabilityBins = CalibrationMetrics.Bins(probabilities, labels);
        report.ExpectedCalibrationError = CalibrationMetrics.ExpectedCalibrationError(report.ReliabilityBins);
        report.BrierScore = CalibrationMetrics.BrierScore(probabilities, labels);
        report.PerClass = Enumerable.Range(0, classes).Select(report.MetricsOf).ToList();
        report.MacroAccuracy = report.PerClass.Where(metrics => metrics.Support > 0).Average(metrics => metrics.Recall);
        report.WorstPredictions = rows
            .OrderBy(row => row.Scores[row.Label])
            .Take(worstCount)
            .Select(row => new WorstPrediction(row.ImagePath, classNames[row.Label], classNames[row.Predicted],
                row.Scores[row.Label], row.Scores[row.Predicted]))
            .ToList();
        return report;
    }

    private ClassMetrics MetricsOf(int index)
    {
        int truePositives = ConfusionMatrix[index, index];
        int support = 0, predictedAs = 0;
        for (int other = 0; other < ClassNames.Count; other++)
        {
            support += ConfusionMatrix[index, other];
            predictedAs += ConfusionMatrix[other, index];
        }
        double precision = predictedAs == 0 ? 0 : (double)truePositives / predictedAs;
        double recall = support == 0 ? 0 : (double)truePositives / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(ClassNames[index], precision, recall, f1, support);
    }
}
