namespace MlNetResNet.Imaging;

/// <summary>Argument checks shared by the sample sources.</summary>
internal static class SampleSourceChecks
{
    public static void SameLength(int items, IReadOnlyList<int> labels, IReadOnlyList<string>? descriptions, string itemsName)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != items)
            throw new ArgumentException($"{itemsName} holds {items} entries but labels holds {labels.Count}.", nameof(labels));
        if (descriptions is not null && descriptions.Count != items)
            throw new ArgumentException($"{itemsName} holds {items} entries but descriptions holds {descriptions.Count}.", nameof(descriptions));
    }

    public static void Index(int index, int count)
    {
        if ((uint)index >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The source holds {count} samples.");
    }

    public static string RowName(int index) => $"row {index}";
}
