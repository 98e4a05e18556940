namespace MlNetResNet;

/// <summary>A row whose image file <see cref="ImageFileGuard"/> refused.</summary>
/// <param name="Row">The row's position in the data view (0-based).</param>
/// <param name="ImagePath">The path as the row holds it (before the image folder is prepended).</param>
/// <param name="Problem">Why the file is refused.</param>
public sealed record RefusedImageRow(long Row, string ImagePath, string Problem)
{
    /// <summary>One line naming the row and the file.</summary>
    public string Reason => $"Row {Row} (image '{ImagePath}') refused: {Problem}";

    /// <inheritdoc/>
    public override string ToString() => Reason;
}
