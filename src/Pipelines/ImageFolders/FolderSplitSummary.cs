namespace MlNetResNet.Pipelines;

/// <summary>What <see cref="ImageFolderSplitter.Split"/> copied, per class.</summary>
/// <param name="ClassNames">Class names in index order.</param>
/// <param name="TrainCounts">Images copied to <c>train/</c>, per class.</param>
/// <param name="ValidationCounts">Images copied to <c>val/</c>, per class.</param>
public sealed record FolderSplitSummary(IReadOnlyList<string> ClassNames, IReadOnlyList<int> TrainCounts, IReadOnlyList<int> ValidationCounts);
