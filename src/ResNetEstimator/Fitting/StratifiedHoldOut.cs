namespace MlNetResNet.Fitting;

/// <summary>Seeded hold-out split that sends the same fraction of every class to validation.</summary>
internal static class StratifiedHoldOut
{
    /// <summary>Splits row indices by their labels.</summary>
    /// <remarks>
    /// Every class keeps at least one row for training; a class with at least two rows gives at least one to
    /// validation when <paramref name="fraction"/> is positive, so small classes are neither unseen nor unvalidated.
    /// </remarks>
    public static (int[] Train, int[] Validation) Split(IReadOnlyList<int> labels, double fraction, int seed)
    {
        if (fraction is < 0 or >= 1 || double.IsNaN(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "ValidationFraction must be in [0, 1).");
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var rows in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var shuffled = rows.ToArray();
            random.Shuffle(shuffled);
            int held = (int)Math.Round(shuffled.Length * fraction, MidpointRounding.AwayFromZero);
            held = Math.Clamp(held, fraction > 0 && shuffled.Length >= 2 ? 1 : 0, shuffled.Length - 1);
            validation.AddRange(shuffled[..held]);
            train.AddRange(shuffled[held..]);
        }
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }
}
