namespace MlNetResNet.Pipelines;

/// <summary>
/// Copies a flat class-folder tree into <c>out/train/&lt;class&gt;</c> and <c>out/val/&lt;class&gt;</c> with a stratified,
/// seeded split (the seed's <c>split_data.py</c> step, 9:1 by default). Paths below the class folder are kept.
/// </summary>
public static class ImageFolderSplitter
{
    /// <summary>Name of the training subfolder.</summary>
    public const string TrainFolderName = "train";

    /// <summary>Name of the validation subfolder.</summary>
    public const string ValidationFolderName = "val";

    /// <summary>Splits <paramref name="source"/> into <paramref name="destination"/>; refuses a destination that already holds images.</summary>
    public static FolderSplitSummary Split(string source, string destination, double validationFraction = 0.1, int seed = 1,
        ImageFolderOptions? options = null)
    {
        var dataset = ImageFolderDataset.Read(source, options);
        destination = Path.GetFullPath(destination);
        if (IsInside(destination, dataset.Root))
            throw new ArgumentException($"Output folder '{destination}' must not lie inside the source folder '{dataset.Root}'.");
        foreach (string side in new[] { TrainFolderName, ValidationFolderName })
        {
            string folder = Path.Combine(destination, side);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                throw new IOException($"Output folder '{folder}' is not empty; choose a new --out folder.");
        }

        var (train, validation) = dataset.Split(validationFraction, seed);
        Copy(dataset.Root, train.Rows, Path.Combine(destination, TrainFolderName));
        Copy(dataset.Root, validation.Rows, Path.Combine(destination, ValidationFolderName));
        return new FolderSplitSummary(dataset.ClassNames, train.CountPerClass, validation.CountPerClass);
    }

    private static void Copy(string root, IEnumerable<ImageFolderRow> rows, string destinationRoot)
    {
        foreach (var row in rows)
        {
            string target = Path.Combine(destinationRoot, Path.GetRelativePath(root, row.ImagePath));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(row.ImagePath, target, overwrite: false);
        }
    }

    private static bool IsInside(string path, string folder) =>
        (path + Path.DirectorySeparatorChar).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
