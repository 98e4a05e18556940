namespace MlNetResNet.Tests.Pipelines;

/// <summary>Builds class-folder trees of empty placeholder files (the reader never decodes) under a root.</summary>
internal static class ImageFolderTree
{
    public static void Touch(string root, params string[] relativePaths)
    {
        foreach (string relative in relativePaths)
        {
            string path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, relative);
        }
    }

    /// <summary>A flat tree with <paramref name="perClass"/> files for each class.</summary>
    public static void Classes(string root, int perClass, params string[] classNames)
    {
        foreach (string name in classNames)
            for (int i = 0; i < perClass; i++) Touch(root, $"{name}/{name}_{i:D3}.jpg");
    }
}
