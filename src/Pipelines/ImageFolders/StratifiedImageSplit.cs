namespace MlNetResNet.Pipelines.ImageFolders;

/// <summary>
/// Per class, a seeded shuffle, then the first <c>round(n · fraction)</c> images go to validation (at least one when the
/// class has two or more images, never all of them), so every class is represented on both sides in proportion.
/// </summary>
public static class StratifiedImageSplit
{
    /// <summary>Images of a class of <paramref name="count"/> that go to validation.</summary>
    public static int ValidationCount(int count, double validationFraction)
    {
        if (validationFraction is <= 0 or >= 1 || double.IsNaN(validationFraction))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "Must be in (0, 1).");
        if (count < 2) return 0;
        return Math.Clamp((int)Math.Round(count * validationFraction, MidpointRounding.AwayFromZero), 1, count - 1);
    }

    /// <summary>Splits the rows; the result keeps each side in input order.</summary>
    public static (List<ImageFolderRow> Train, List<ImageFolderRow> Validation) Partition(
        IReadOnlyList<ImageFolderRow> rows, double validationFraction, int seed)
    {
        var validationIndices = new HashSet<int>();
        foreach (var group in rows.Select((row, index) => (row, index)).GroupBy(item => item.row.Label, StringComparer.Ordinal))
        {
            var indices = group.Select(item => item.index).ToArray();
            // One stream per class, seeded from the class name, so adding a class leaves the others' splits alone.
            new Random(StableSeed(seed, group.Key)).Shuffle(indices);
            validationIndices.UnionWith(indices.Take(ValidationCount(indices.Length, validationFraction)));
        }
        var train = rows.Where((_, index) => !validationIndices.Contains(index)).ToList();
        var validation = rows.Where((_, index) => validationIndices.Contains(index)).ToList();
        return (train, validation);
    }

    // string.GetHashCode is randomised per process; FNV-1a is stable across runs and machines.
    internal static int StableSeed(int seed, string text)
    {
        uint hash = 2166136261u ^ (uint)seed;
        foreach (char c in text) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }
}
