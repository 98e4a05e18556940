using Microsoft.ML;
using MlNetResNet.Fitting;
using MlNetResNet.Scoring;

namespace MlNetResNet;

/// <summary>
/// Fine-tunes a ResNet/ResNeXt image classifier. Create it with
/// <c>mlContext.Transforms.ResNetClassifier(...)</c>.
/// </summary>
/// <remarks>
/// <para>Input and output columns:</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type</description></listheader>
/// <item><term>Label (input)</term><description>Key with text key values (the class names), e.g. from
/// <c>MapValueToKey</c>; at least two classes.</description></item>
/// <item><term>Image (input)</term><description><c>MLImage</c> (from <c>LoadImages</c>) or a path string resolved
/// against <see cref="ResNetClassifierOptions.ImageFolder"/>. Encoded bytes (<c>LoadRawImageBytes</c>) are refused
/// before training: no standard ML.NET transformer decodes them, so the model could not be saved.</description></item>
/// <item><term>Score (output)</term><description>Vector of Single: softmax probability per class, slot names = class
/// names.</description></item>
/// <item><term>PredictedLabel (output)</term><description>Key with the label's key values: the most probable
/// class.</description></item>
/// </list>
/// <para>Fit reads every row once to collect labels and image references, trains with <see cref="ResNetTrainer"/>,
/// exports the network to ONNX and returns a <see cref="ResNetClassifierTransformer"/> built from standard ML.NET
/// transformers, so that <c>mlContext.Model.Save</c> writes a model.zip any ML.NET app can load.</para>
/// </remarks>
public sealed partial class ResNetClassifierEstimator : IEstimator<ResNetClassifierTransformer>
{
    private const string ShapeFeatures = "ResNetClassifier.ShapeFeatures";
    private readonly ResNetClassifierOptions options;

    internal ResNetClassifierEstimator(ResNetClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.LabelColumnName))
            throw new ArgumentException("LabelColumnName must name a column.", nameof(options));
        if (string.IsNullOrWhiteSpace(options.ImageColumnName))
            throw new ArgumentException("ImageColumnName must name a column.", nameof(options));
        this.options = options;
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        InputSchemaCheck.CheckInputSchema(inputSchema, options.LabelColumnName, options.ImageColumnName);
        // SchemaShape columns can only be made by ML.NET's own estimators. A Naive Bayes trainer on the key's
        // indicator vector yields exactly the Score and PredictedLabel shapes this classifier adds.
        var ml = new MLContext();
        return ml.Transforms.Conversion.MapKeyToVector(ShapeFeatures, options.LabelColumnName)
            .Append(ml.MulticlassClassification.Trainers.NaiveBayes(options.LabelColumnName, ShapeFeatures))
            .Append(ml.Transforms.DropColumns(ShapeFeatures))
            .GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public ResNetClassifierTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Every option and column is checked before the first image is read, so a mistake costs no decoding.
        var trainer = new ResNetTrainer(options);
        CheckNotEmpty(input);
        var classNames = InputSchemaCheck.ReadClassNames(input.Schema, options.LabelColumnName);
        var kind = InputSchemaCheck.CheckInputSchema(input.Schema, options.ImageColumnName);
        CheckImageFolder(kind);
        CheckValidationSet(kind, classNames);
        var spec = new ScoringChainSpec(options.ImageColumnName, kind, options.ImageFolder, options.EffectiveResizeSize,
            options.LabelColumnName);

        using var rows = TrainingRowsReader.Read(input, options, kind, "row");
        var (train, validation) = SplitValidation(input, rows, spec, classNames, trainer.DataWorkers);
        using (train)
        using (validation)
        {
            var result = trainer.Train(train, validation, classNames.Length);
            using var network = result.Network;
            if (result.Cancelled && result.BestEpoch == 0)
                throw new OperationCanceledException(
                    "Training was cancelled before its first epoch ended, so there is no trained model to return.",
                    options.CancellationToken);
            double temperature = result.Calibration?.Temperature ?? 1;
            var embedded = ClassifierOnnx.ExportEmbedded(network, classNames, options, temperature);
            var exported = ClassifierOnnx.ExportPublic(network, classNames, options, temperature);
            var chain = ScoringChain.Fit(new MLContext(options.Seed), input, spec, embedded, classNames);
            var summary = new FitSummary(classNames, options.Architecture, result.History, result.BestEpoch,
                result.SkippedDescriptions, result.Cancelled, result.Calibration, result.Plan);
            return new ResNetClassifierTransformer(chain, spec, embedded, exported, summary, options.BatchSize);
        }
    }

    // Checked first: an empty view's key column has no key values, which would otherwise read as "0 classes".
    private void CheckNotEmpty(IDataView input)
    {
        using var cursor = input.GetRowCursor([]);
        if (!cursor.MoveNext())
            throw new ArgumentException(
                $"The training data has no rows (label column '{options.LabelColumnName}', image column '{options.ImageColumnName}').",
                nameof(input));
    }

    // LoadImages does not check its folder; without this every row would be skipped as unreadable, one by one.
    private void CheckImageFolder(ImageColumnKind kind)
    {
        if (kind == ImageColumnKind.Path && !string.IsNullOrWhiteSpace(options.ImageFolder) && !Directory.Exists(options.ImageFolder))
            throw new DirectoryNotFoundException(
                $"ImageFolder '{options.ImageFolder}' does not exist (the paths of image column '{options.ImageColumnName}' are resolved against it).");
    }

    private void CheckValidationSet(ImageColumnKind kind, string[] classNames)
    {
        if (options.ValidationSet is not { } validationSet) return;
        var validationClasses = InputSchemaCheck.ReadClassNames(validationSet.Schema, options.LabelColumnName);
        if (!validationClasses.SequenceEqual(classNames))
            throw new ArgumentException(
                $"Label column '{options.LabelColumnName}' of the ValidationSet has the classes [{string.Join(", ", validationClasses)}] " +
                $"but the training data has [{string.Join(", ", classNames)}]; map both with the same fitted MapValueToKey.");
        InputSchemaCheck.CheckInputSchema(validationSet.Schema, options.ImageColumnName, kind);
    }

    /// <summary>
    /// The training rows (decoded later with ImageSharp, for augmentation) and the validation rows as the saved
    /// model's preprocessing sees them (see <see cref="ServedValidationSource"/>).
    /// </summary>
    private (DataViewImageSource Train, ServedValidationSource Validation) SplitValidation(
        IDataView input, DataViewImageSource rows, ScoringChainSpec spec, string[] classNames, int workers)
    {
        var distinct = Enumerable.Range(0, rows.Count).Select(rows.GetLabel).Distinct().Count();
        if (distinct < 2)
            throw new ArgumentException(
                $"Label column '{options.LabelColumnName}' holds only class '{classNames[rows.GetLabel(0)]}' in the training rows; " +
                "a classifier needs rows of at least 2 classes.");
        string tempFolder = new MLContext().TempFilePath;
        if (options.ValidationSet is { } validationSet)
        {
            var validationRows = TrainingRowsReader.Read(validationSet, options, spec.ImageKind, "validation row");
            var served = ServedValidationSource.Compute(validationSet, spec, validationRows,
                Enumerable.Range(0, validationRows.Count).ToArray(), tempFolder, workers);
            return (rows.Subset(Enumerable.Range(0, rows.Count).ToArray()), served);
        }
        var labels = Enumerable.Range(0, rows.Count).Select(rows.GetLabel).ToArray();
        var (train, validation) = StratifiedHoldOut.Split(labels, options.ValidationFraction, options.Seed);
        var heldOut = ServedValidationSource.Compute(input, spec, rows.Subset(validation), validation, tempFolder, workers);
        return (rows.Subset(train), heldOut);
    }
}
