namespace MlNetResNet;

/// <summary>Class counts of a labelled set: the balanced loss weights, and whether the set counts as unbalanced.</summary>
public static class ClassBalance
{
    /// <summary>
    /// Largest over smallest class count from which a set counts as unbalanced. At 2:1 a model that neglects the small
    /// class loses only a third as much micro accuracy as macro accuracy, so micro accuracy stops being a fair judge.
    /// </summary>
    public const double UnbalancedRatio = 2;

    /// <summary>Images per class index in [0, <paramref name="numClasses"/>).</summary>
    public static int[] Counts(IEnumerable<int> labels, int numClasses)
    {
        var counts = new int[numClasses];
        foreach (int label in labels)
        {
            if ((uint)label >= (uint)numClasses)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"A label is outside [0, {numClasses}).");
            counts[label]++;
        }
        return counts;
    }

    /// <summary>n / (k · n_c) per class, k = classes present; 0 for a class with no image (it never enters the loss).</summary>
    public static double[] BalancedWeights(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long total = counts.Sum(count => (long)count);
        int present = counts.Count(count => count > 0);
        if (present == 0) throw new ArgumentException("No class has an image: there is nothing to weigh.", nameof(counts));
        return counts.Select(count => count == 0 ? 0 : (double)total / (present * (double)count)).ToArray();
    }

    /// <summary>True when the largest class present has at least <see cref="UnbalancedRatio"/> times the images of the smallest.</summary>
    public static bool IsUnbalanced(IReadOnlyList<int> counts)
    {
        var present = counts.Where(count => count > 0).ToList();
        return present.Count > 1 && present.Max() >= UnbalancedRatio * present.Min();
    }

    /// <summary>Mean recall over the classes present: (correct per class / images per class), averaged.</summary>
    public static double MacroAccuracy(IReadOnlyList<long> correct, IReadOnlyList<long> total)
    {
        var recalls = Enumerable.Range(0, total.Count).Where(c => total[c] > 0).Select(c => (double)correct[c] / total[c]).ToList();
        return recalls.Count == 0 ? double.NaN : recalls.Average();
    }
}
