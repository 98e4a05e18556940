namespace MlNetResNet.Pipelines.ImageFolders;

/// <summary>
/// Walks an image-folder tree the way torchvision's <c>ImageFolder</c> does: class folders sorted ordinally, each walked
/// recursively (folders in ordinal order, files in ordinal order within a folder), files kept by extension. Unlike
/// torchvision, hidden entries (name starting with '.') are skipped, so <c>.ipynb_checkpoints</c> is not a class and
/// macOS <c>._photo.jpg</c> companions are not images.
/// </summary>
internal static class ImageFileScanner
{
    public static IReadOnlyList<string> FindClassFolders(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Image folder '{root}' does not exist.");
        return Directory.EnumerateDirectories(root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !IsHidden(name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static List<string> FindImages(string classFolder, IReadOnlyList<string> extensions)
    {
        var images = new List<string>();
        foreach (string folder in WalkFolders(classFolder))
        {
            images.AddRange(Directory.EnumerateFiles(folder)
                .Where(file => !IsHidden(Path.GetFileName(file)) && HasExtension(file, extensions))
                .Order(StringComparer.Ordinal));
        }
        return images;
    }

    public static bool IsHidden(string name) => name.StartsWith('.');

    public static bool HasExtension(string file, IReadOnlyList<string> extensions) =>
        extensions.Any(extension => file.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    // torchvision sorts os.walk's (root, dirs, files) tuples, i.e. every folder of the subtree by its path.
    private static IEnumerable<string> WalkFolders(string top)
    {
        var folders = new List<string> { top };
        folders.AddRange(Directory.EnumerateDirectories(top, "*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        }).Where(folder => !RelativeSegments(top, folder).Any(IsHidden)));
        return folders.Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> RelativeSegments(string top, string folder) =>
        Path.GetRelativePath(top, folder).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
}
