using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Pipelines.ImageFolders;

namespace MlNetResNet.Pipelines;

/// <summary>
/// Ready-made pipelines from an image folder to a fitted classifier:
/// <c>MapValueToKey(Label)</c> → <c>LoadImages(Image ← ImagePath)</c> → <c>ResNetClassifier</c> →
/// <c>MapKeyToValue(PredictedClass ← PredictedLabel)</c>. Everything in the chain is a standard ML.NET transformer,
/// so the saved model loads with <c>mlContext.Model.Load</c>.
/// </summary>
/// <example>
/// <code>
/// var ml = new MLContext(seed: 1);
/// var model = ImageClassificationPipeline.TrainFromFolder(ml, "flower_data",
///     new ResNetClassifierOptions { Architecture = ResNetArchitecture.ResNet18, Pretrained = PretrainedWeights.ImageNet, Epochs = 3 });
/// model.Save("model.zip");
/// </code>
/// </example>
public static class ImageClassificationPipeline
{
    /// <summary>
    /// The estimator chain for rows with <c>ImagePath</c> and <c>Label</c> text columns (<see cref="ImageFolderDataset.ToDataView"/>).
    /// The label keys follow <paramref name="classNames"/> (so key k is class index k−1, as in class_indices.json).
    /// The classifier uses the pipeline's own column names, not those in <paramref name="options"/> (which stay as given).
    /// </summary>
    public static IEstimator<ITransformer> Create(MLContext mlContext, IReadOnlyList<string> classNames, ResNetClassifierOptions options)
    {
        var classifierOptions = options.Copy();
        classifierOptions.LabelColumnName = ResNetColumnNames.Label;
        classifierOptions.ImageColumnName = ResNetColumnNames.Image;
        return Preprocessing(mlContext, classNames)
            .Append(mlContext.Transforms.ResNetClassifier(classifierOptions))
            .Append(mlContext.Transforms.Conversion.MapKeyToValue(PipelineColumnNames.PredictedClass, ResNetColumnNames.PredictedLabel));
    }

    /// <summary>
    /// Trains on <paramref name="train"/>, validating on <paramref name="validation"/> when given (else the classifier holds
    /// out <see cref="ResNetClassifierOptions.ValidationFraction"/> of the training rows).
    /// </summary>
    /// <remarks>
    /// Every image file is first checked with <see cref="ImageFileGuard"/>, because the chain's <c>LoadImages</c> decodes
    /// with SkiaSharp before the classifier's own limits apply. Refused files are left out and listed in
    /// <see cref="ImageClassifierModel.RefusedImages"/> (<see cref="InvalidImagePolicy.Skip"/>, the default), or
    /// stop training with their paths (<see cref="InvalidImagePolicy.Throw"/>).
    /// </remarks>
    public static ImageClassifierModel Train(MLContext mlContext, ImageFolderDataset train, ImageFolderDataset? validation,
        ResNetClassifierOptions options)
    {
        var refused = ImageFileCheck.FindUnreadable(validation is null ? train.Rows : train.Rows.Concat(validation.Rows));
        if (refused.Count > 0)
        {
            if (options.InvalidImages == InvalidImagePolicy.Throw)
                throw new InvalidImageException($"'{refused[0].ImagePath}'", $"refused: {refused[0].Reason}" + (refused.Count == 1 ? "" :
                    $" ({refused.Count - 1} more refused; InvalidImages = Throw stops at any): " +
                    string.Join("; ", refused.Skip(1).Take(9).Select(image => $"'{image.ImagePath}': {image.Reason}"))));
            var paths = refused.Select(image => image.ImagePath).ToList();
            train = train.Without(paths);
            validation = validation?.Without(paths);
        }
        var trainView = train.ToDataView(mlContext);
        if (validation is not null)
        {
            // The classifier reads its validation rows after the same label keying and image loading as the training rows.
            var preprocessing = Preprocessing(mlContext, train.ClassNames).Fit(trainView);
            options = options.Copy();
            options.ValidationSet = preprocessing.Transform(validation.ToDataView(mlContext));
        }
        var chain = Create(mlContext, train.ClassNames, options).Fit(trainView);
        return new ImageClassifierModel(mlContext, chain, trainView.Schema) { RefusedImages = refused };
    }

    /// <summary>
    /// Trains from a folder: <c>train/</c> + <c>val/</c> subfolders when present, else a plain class-folder tree with
    /// <see cref="ResNetClassifierOptions.ValidationFraction"/> of each class held out (stratified, seeded by
    /// <see cref="ResNetClassifierOptions.Seed"/>).
    /// </summary>
    public static ImageClassifierModel TrainFromFolder(MLContext mlContext, string folder, ResNetClassifierOptions? options = null)
    {
        options ??= new ResNetClassifierOptions();
        var folders = TrainingFolders.Resolve(folder, null, options.ValidationFraction, options.Seed);
        return Train(mlContext, folders.Train, folders.Validation, options);
    }

    private static IEstimator<ITransformer> Preprocessing(MLContext mlContext, IReadOnlyList<string> classNames)
    {
        var keys = mlContext.Data.LoadFromEnumerable(classNames.Select(name => new ClassNameRow { Label = name }));
        return mlContext.Transforms.Conversion.MapValueToKey(ResNetColumnNames.Label, keyData: keys)
            .Append<ITransformer>(mlContext.Transforms.LoadImages(ResNetColumnNames.Image, imageFolder: null, PipelineColumnNames.ImagePath));
    }

    private sealed class ClassNameRow
    {
        public string Label { get; set; } = "";
    }
}
