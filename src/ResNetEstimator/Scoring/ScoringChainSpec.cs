namespace MlNetResNet.Scoring;

/// <summary>How the scoring chain reads the image and what the network expects.</summary>
internal sealed record ScoringChainSpec(
    string ImageColumnName, ImageColumnKind ImageKind, string? ImageFolder, int ResizeSize, string LabelColumnName);
