using SixLabors.ImageSharp;

namespace MlNetResNet.Pipelines;

/// <summary>An image file that cannot be read, and why.</summary>
/// <param name="ImagePath">The file.</param>
/// <param name="Reason">What went wrong (format unknown, truncated header, I/O error).</param>
public sealed record UnreadableImage(string ImagePath, string Reason);

/// <summary>
/// Reads each image's header (format, width, height) without decoding the pixels, so that files which are not images
/// at all (a text file named .jpg, a zero-byte file, a header cut short) are found before training and reported by
/// path. Damage further into the pixel data is only seen when decoding; the trainer skips and counts those.
/// </summary>
public static class ImageFileCheck
{
    /// <summary>The rows whose file has no readable image header, in input order.</summary>
    public static IReadOnlyList<UnreadableImage> FindUnreadable(IEnumerable<ImageFolderRow> rows)
    {
        var problems = new System.Collections.Concurrent.ConcurrentBag<(int Index, UnreadableImage Problem)>();
        Parallel.ForEach(rows.Select((row, index) => (row, index)), item =>
        {
            if (Check(item.row.ImagePath) is { } reason) problems.Add((item.index, new UnreadableImage(item.row.ImagePath, reason)));
        });
        return problems.OrderBy(p => p.Index).Select(p => p.Problem).ToList();
    }

    /// <summary>Null when the header reads as an image with a positive size, else the reason.</summary>
    public static string? Check(string path)
    {
        try
        {
            var info = Image.Identify(path);
            if (info is null) return "not a known image format";
            return info.Width > 0 && info.Height > 0 ? null : $"image size {info.Width}×{info.Height}";
        }
        catch (Exception error) when (error is UnknownImageFormatException or InvalidImageContentException or IOException
                                          or UnauthorizedAccessException or NotSupportedException)
        {
            return error.Message;
        }
    }
}
