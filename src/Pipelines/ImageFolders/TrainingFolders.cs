namespace MlNetResNet.Pipelines;

/// <summary>Training and validation images found for a <c>train --data DIR [--val DIR]</c> request.</summary>
/// <param name="Train">Training images.</param>
/// <param name="Validation">Validation images, with the training class list.</param>
/// <param name="Layout">How they were found, for the log.</param>
public sealed record TrainingFolders(ImageFolderDataset Train, ImageFolderDataset Validation, string Layout)
{
    /// <summary>
    /// With <paramref name="validationRoot"/>: both are plain class-folder trees. Without it: <paramref name="dataRoot"/>
    /// holding <c>train/</c> and <c>val/</c> is used as such (the seed's <c>flower_data</c>); otherwise it is a plain tree
    /// and <paramref name="validationFraction"/> of each class is held out (stratified, seeded).
    /// </summary>
    public static TrainingFolders Resolve(string dataRoot, string? validationRoot = null, double validationFraction = 0.1,
        int seed = 1, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        string trainFolder = Path.Combine(dataRoot, ImageFolderSplitter.TrainFolderName);
        string valFolder = Path.Combine(dataRoot, ImageFolderSplitter.ValidationFolderName);
        if (validationRoot is null && Directory.Exists(trainFolder) && Directory.Exists(valFolder))
            return WithValidationTree(trainFolder, valFolder, options, $"{trainFolder} + {valFolder}");
        if (validationRoot is not null)
            return WithValidationTree(dataRoot, validationRoot, options, $"{dataRoot} + {validationRoot}");

        var all = ImageFolderDataset.Read(dataRoot, options);
        RequireTwoClasses(all);
        var (train, validation) = all.Split(validationFraction, seed);
        return new TrainingFolders(train, validation,
            $"{dataRoot}, {validationFraction:P0} of each class held out for validation (seed {seed})");
    }

    private static TrainingFolders WithValidationTree(string trainRoot, string validationRoot, ImageFolderOptions options, string layout)
    {
        var train = ImageFolderDataset.Read(trainRoot, options);
        RequireTwoClasses(train);
        // A small validation tree may lack a class; it must not have classes training never saw.
        var validation = ImageFolderDataset.Read(validationRoot, new ImageFolderOptions
        {
            Extensions = options.Extensions, ClassNames = train.ClassNames, AllowEmptyClasses = true,
        });
        if (validation.Rows.Count == 0)
            throw new InvalidDataException($"Validation folder '{validation.Root}' holds no images.");
        return new TrainingFolders(train, validation, layout);
    }

    private static void RequireTwoClasses(ImageFolderDataset dataset)
    {
        if (dataset.ClassNames.Count < 2)
            throw new InvalidDataException(
                $"Image folder '{dataset.Root}' has only one class ('{dataset.ClassNames[0]}'); a classifier needs at least two class folders.");
    }
}
