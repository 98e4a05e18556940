namespace MlNetResNet.Pipelines.ImageFolders;

/// <summary>
/// Checks each image file with <see cref="ImageFileGuard"/> before any decoder sees it: files that are not images at
/// all (a text file named .jpg, a zero-byte file), formats the saved model cannot decode (TIFF, TGA, ...), headers
/// that claim more pixels than the cap, GIFs with too many frames, and files cut short are found before training or
/// scoring and reported by path. Damage the structure walk cannot see is only found when decoding; the trainer skips
/// and counts those.
/// </summary>
public static class ImageFileCheck
{
    /// <summary>The rows whose file is refused, in input order.</summary>
    public static IReadOnlyList<UnreadableImage> FindUnreadable(IEnumerable<ImageFolderRow> rows)
    {
        var problems = new System.Collections.Concurrent.ConcurrentBag<(int Index, UnreadableImage Problem)>();
        Parallel.ForEach(rows.Select((row, index) => (row, index)), item =>
        {
            if (Check(item.row.ImagePath) is { } reason) problems.Add((item.index, new UnreadableImage(item.row.ImagePath, reason)));
        });
        return problems.OrderBy(p => p.Index).Select(p => p.Problem).ToList();
    }

    /// <summary>Null when <see cref="ImageFileGuard"/> accepts the file, else the reason it is refused.</summary>
    public static string? Check(string path) => ImageFileGuard.Inspect(path).Problem;
}
