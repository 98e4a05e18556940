namespace MlNetResNet;

/// <summary>What <see cref="ImageFileGuard"/> found: accepted with the header's size, or refused with the reason.</summary>
/// <param name="Source">The file path, or how encoded bytes were named (e.g. "row 12").</param>
/// <param name="Format">The format its signature shows.</param>
/// <param name="Width">Width from the header (the canvas for GIF and WebP); 0 when not read.</param>
/// <param name="Height">Height from the header; 0 when not read.</param>
/// <param name="FrameCount">Frames found (1 for still formats); 0 when not read.</param>
/// <param name="Problem">Why it is refused, without the source; null when accepted.</param>
public sealed record ImageFileVerdict(
    string Source, ImageFileFormat Format, int Width, int Height, int FrameCount, string? Problem)
{
    /// <summary>Whether the file may be given to the decoders.</summary>
    public bool IsAccepted => Problem is null;

    /// <summary>One line naming the file: "Image 'a.png' refused: ..." or "Image 'a.png': Png 640x480".</summary>
    public string Reason => IsAccepted
        ? $"Image '{Source}': {Format} {Width}x{Height}{(FrameCount > 1 ? $", {FrameCount} frames (first decoded)" : "")}."
        : $"Image '{Source}' refused: {Problem}";

    /// <inheritdoc/>
    public override string ToString() => Reason;
}
