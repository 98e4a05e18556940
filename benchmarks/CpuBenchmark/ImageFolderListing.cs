namespace MlNetResNet.Benchmarks;

/// <summary>
/// An ImageFolder split (one subfolder per class, sorted by name as torchvision does) as paths and labels.
/// </summary>
internal sealed record ImageFolderListing(IReadOnlyList<string> ClassNames, IReadOnlyList<string> Paths, IReadOnlyList<int> Labels)
{
    private static readonly string[] Extensions = { ".jpg", ".jpeg", ".png", ".bmp" };

    public static ImageFolderListing Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist.");
        var classes = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .OrderBy(name => name, StringComparer.Ordinal).ToList();
        var paths = new List<string>();
        var labels = new List<int>();
        for (int label = 0; label < classes.Count; label++)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(folder, classes[label])).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (!Extensions.Contains(Path.GetExtension(file).ToLowerInvariant())) continue;
                paths.Add(file);
                labels.Add(label);
            }
        }
        if (paths.Count == 0) throw new InvalidOperationException($"Image folder '{folder}' holds no images in class subfolders.");
        return new ImageFolderListing(classes, paths, labels);
    }

    public IImageSampleSource ToSource() => ImageSamples.FromFiles(Paths, Labels);
}
