namespace MlNetResNet.Pipelines;

/// <summary>How an image-folder tree is read.</summary>
public sealed class ImageFolderOptions
{
    /// <summary>The file extensions taken as images (compared case-insensitively). Default jpg, jpeg, png, bmp, gif, webp.</summary>
    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    /// <summary>
    /// Keep a class folder that holds no image as a class with zero rows. Default false: like torchvision's
    /// <c>ImageFolder</c>, such a folder is an error, because a class the model can never learn is almost always a
    /// mistake (a failed copy, a typo in a folder name).
    /// </summary>
    public bool AllowEmptyClasses { get; init; }

    /// <summary>Class names to use instead of the folder's own (e.g. a validation tree read with the training classes).</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The extensions read by default.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp"];
}
