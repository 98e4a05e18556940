namespace MlNetResNet.Pipelines;

/// <summary>
/// Where a classifier goes wrong, as fastai's <c>ClassificationInterpretation</c> shows it: the images with the highest
/// loss (−ln of the probability given to the true class) and the (true, predicted) class pairs confused most often.
/// </summary>
public sealed class ClassificationInterpretation
{
    private const double ProbabilityFloor = 1e-15;

    private ClassificationInterpretation(IReadOnlyList<TopLoss> topLosses, IReadOnlyList<ConfusedPair> mostConfused, int images)
    {
        TopLosses = topLosses;
        MostConfused = mostConfused;
        Images = images;
    }

    /// <summary>The highest-loss images, highest first (ties keep the input order).</summary>
    public IReadOnlyList<TopLoss> TopLosses { get; }

    /// <summary>Pairs of a true and a different predicted class, most frequent first (ties by class names).</summary>
    public IReadOnlyList<ConfusedPair> MostConfused { get; }

    /// <summary>Rows interpreted.</summary>
    public int Images { get; }

    /// <summary>Computes the interpretation of scored rows.</summary>
    /// <param name="classNames">Class names in score order.</param>
    /// <param name="rows">Scored rows (one score per class each).</param>
    /// <param name="topLosses">How many top-loss images to keep.</param>
    /// <param name="maxPairs">How many confused pairs to keep.</param>
    /// <param name="examplesPerPair">How many images (highest loss first) to keep for each pair.</param>
    /// <exception cref="ArgumentException">A score vector of the wrong length or a label outside the classes.</exception>
    public static ClassificationInterpretation Compute(IReadOnlyList<string> classNames, IReadOnlyList<ScoredExample> rows,
        int topLosses = 12, int maxPairs = 8, int examplesPerPair = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topLosses);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPairs);
        ArgumentOutOfRangeException.ThrowIfNegative(examplesPerPair);
        foreach (var row in rows)
        {
            if (row.Scores.Length != classNames.Count)
                throw new ArgumentException($"A score vector has {row.Scores.Length} entries for {classNames.Count} classes.", nameof(rows));
            if ((uint)row.Label >= (uint)classNames.Count)
                throw new ArgumentException($"Label index {row.Label} is outside the {classNames.Count} classes.", nameof(rows));
        }
        var byLoss = rows.Select(row => (Row: row, Loss: -Math.Log(Math.Max(row.Scores[row.Label], ProbabilityFloor))))
            .OrderByDescending(scored => scored.Loss)
            .ToList();
        var top = byLoss.Take(topLosses)
            .Select(scored => new TopLoss(scored.Row.ImagePath, classNames[scored.Row.Label], classNames[scored.Row.Predicted],
                scored.Loss, scored.Row.Scores[scored.Row.Label], scored.Row.Scores[scored.Row.Predicted]))
            .ToList();
        var pairs = byLoss.Where(scored => scored.Row.Predicted != scored.Row.Label)
            .GroupBy(scored => (scored.Row.Label, scored.Row.Predicted))
            .Select(group => new ConfusedPair(classNames[group.Key.Label], classNames[group.Key.Predicted], group.Count(),
                group.Take(examplesPerPair).Select(scored => scored.Row.ImagePath).OfType<string>().ToList()))
            .OrderByDescending(pair => pair.Count)
            .ThenBy(pair => pair.Actual, StringComparer.Ordinal)
            .ThenBy(pair => pair.Predicted, StringComparer.Ordinal)
            .Take(maxPairs)
            .ToList();
        return new ClassificationInterpretation(top, pairs, rows.Count);
    }
}
