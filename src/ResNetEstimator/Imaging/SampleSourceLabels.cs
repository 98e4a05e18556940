namespace MlNetResNet.Imaging;

/// <summary>The labels of a sample source in sample order, for class counts.</summary>
internal static class SampleSourceLabels
{
    public static IEnumerable<int> AllLabels(this IImageSampleSource source) => Enumerable.Range(0, source.Count).Select(source.GetLabel);
}
