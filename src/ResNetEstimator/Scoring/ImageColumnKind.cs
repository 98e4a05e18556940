namespace MlNetResNet.Scoring;

/// <summary>What the image column holds, which decides how the classifier reads it.</summary>
internal enum ImageColumnKind
{
    /// <summary>MLImage, as <c>LoadImages</c> produces.</summary>
    Image,

    /// <summary>A file path (text), resolved against <see cref="ResNetClassifierOptions.ImageFolder"/>.</summary>
    Path,
}
