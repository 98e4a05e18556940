namespace MlNetResNet.Pipelines;

/// <summary>A true class and the different class it was predicted as, with how often and a few of its images.</summary>
/// <param name="Actual">The true class.</param>
/// <param name="Predicted">The class predicted instead.</param>
/// <param name="Count">Images of <paramref name="Actual"/> predicted as <paramref name="Predicted"/>.</param>
/// <param name="Examples">Some of those images, highest loss first.</param>
public sealed record ConfusedPair(string Actual, string Predicted, int Count, IReadOnlyList<string> Examples);
