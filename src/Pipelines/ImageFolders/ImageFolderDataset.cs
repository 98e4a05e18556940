using Microsoft.ML;
using MlNetResNet.Pipelines.ImageFolders;

namespace MlNetResNet.Pipelines;

/// <summary>
/// The images of a class-folder tree (<c>root/&lt;class&gt;/**/&lt;image&gt;</c>), read as torchvision's
/// <c>ImageFolder</c> reads it; see <see cref="ImageFileScanner"/> for the exact rules.
/// </summary>
public sealed class ImageFolderDataset
{
    private ImageFolderDataset(string root, IReadOnlyList<string> classNames, IReadOnlyList<ImageFolderRow> rows)
    {
        Root = root;
        ClassNames = classNames;
        Rows = rows;
    }

    /// <summary>The folder that was read.</summary>
    public string Root { get; }

    /// <summary>Class names in index order (ordinal sort of the folder names, unless given in the options).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The images, class by class in <see cref="ClassNames"/> order, each class in walk order.</summary>
    public IReadOnlyList<ImageFolderRow> Rows { get; }

    /// <summary>Images per class, in <see cref="ClassNames"/> order.</summary>
    public IReadOnlyList<int> CountPerClass =>
        ClassNames.Select(name => Rows.Count(row => row.Label == name)).ToList();

    /// <summary>Reads <paramref name="root"/>; throws when it is missing, has no class folder, or a class has no image.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No class folder, or an empty class without <see cref="ImageFolderOptions.AllowEmptyClasses"/>.</exception>
    public static ImageFolderDataset Read(string root, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        root = Path.GetFullPath(root);
        var found = ImageFileScanner.FindClassFolders(root);
        var classNames = options.ClassNames ?? found;
        if (classNames.Count == 0)
            throw new InvalidDataException($"Image folder '{root}' has no class folders (expected one subfolder per class).");
        var missing = classNames.Except(found, StringComparer.Ordinal).ToList();
        var unexpected = found.Except(classNames, StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new InvalidDataException(
                $"Image folder '{root}' has class folders not in the class list: {string.Join(", ", unexpected)}.");

        var rows = new List<ImageFolderRow>();
        var empty = new List<string>(missing);
        foreach (string name in classNames.Except(missing))
        {
            var images = ImageFileScanner.FindImages(Path.Combine(root, name), options.Extensions);
            if (images.Count == 0) empty.Add(name);
            rows.AddRange(images.Select(path => new ImageFolderRow { ImagePath = path, Label = name }));
        }
        if (empty.Count > 0 && !options.AllowEmptyClasses)
            throw new InvalidDataException(
                $"Image folder '{root}' has no image ({string.Join(", ", options.Extensions)}) for class(es) " +
                $"{string.Join(", ", empty)}.");
        return new ImageFolderDataset(root, classNames, rows);
    }

    /// <summary>
    /// The rows as an IDataView with columns <c>ImagePath</c> (text) and <c>Label</c> (text); map the label to a key
    /// with <c>MapValueToKey</c> before training (the ready-made pipelines do, using <see cref="ClassNames"/> order).
    /// </summary>
    public IDataView ToDataView(MLContext mlContext) => mlContext.Data.LoadFromEnumerable(Rows);

    /// <summary>The same data set without the rows of <paramref name="imagePaths"/> (e.g. unreadable files).</summary>
    public ImageFolderDataset Without(IEnumerable<string> imagePaths)
    {
        var drop = new HashSet<string>(imagePaths, StringComparer.Ordinal);
        return new ImageFolderDataset(Root, ClassNames, Rows.Where(row => !drop.Contains(row.ImagePath)).ToList());
    }

    /// <summary>A stratified, seeded split: per class, <paramref name="validationFraction"/> of the images go to validation.</summary>
    public (ImageFolderDataset Train, ImageFolderDataset Validation) Split(double validationFraction, int seed)
    {
        var (train, validation) = StratifiedImageSplit.Partition(Rows, validationFraction, seed);
        return (new ImageFolderDataset(Root, ClassNames, train), new ImageFolderDataset(Root, ClassNames, validation));
    }
}
