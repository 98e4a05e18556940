using Microsoft.ML;
using Defaults = MlNetResNet.ResNetClassifierEstimator.Defaults;

namespace MlNetResNet;

/// <summary>
/// Catalog extensions that add the ResNet image classifier to <c>mlContext.Transforms</c>, and the same estimator as
/// <c>mlContext.MulticlassClassification.Trainers.ResNet</c>, where ML.NET users look for classification trainers.
/// </summary>
public static class ResNetClassifierCatalog
{
    /// <summary>
    /// Fine-tunes a ResNet image classifier on a key label column and an image column; adds the score and predicted
    /// label columns.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="labelColumnName">Key column of classes whose key values are the class names (from <c>MapValueToKey</c>).</param>
    /// <param name="imageColumnName">Image column: <c>MLImage</c> (LoadImages) or a path string; encoded bytes (LoadRawImageBytes) are refused, since such a model could not be saved.</param>
    /// <param name="architecture">Network to train. Default ResNet-34.</param>
    /// <param name="epochs">Passes over the training data. Default 10.</param>
    /// <param name="learningRate">Peak learning rate. Default 1e-4.</param>
    /// <param name="pretrained">Starting weights. Default none (random initialisation).</param>
    /// <param name="scoreColumnName">Output column of the class probabilities (vector of Single, slot names = class names). Default "Score".</param>
    /// <param name="predictedLabelColumnName">Output column of the most probable class (key with the label's key values). Default "PredictedLabel".</param>
    public static ResNetClassifierEstimator ResNetClassifier(this TransformsCatalog catalog,
        string labelColumnName = Defaults.LabelColumnName,
        string imageColumnName = Defaults.ImageColumnName,
        ResNetArchitecture architecture = Defaults.Architecture,
        int epochs = Defaults.Epochs,
        double learningRate = Defaults.LearningRate,
        PretrainedWeights pretrained = Defaults.Pretrained,
        string scoreColumnName = Defaults.ScoreColumnName,
        string predictedLabelColumnName = Defaults.PredictedLabelColumnName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ResNetClassifierEstimator(ShortOptions(labelColumnName, imageColumnName, architecture, epochs, learningRate,
            pretrained, scoreColumnName, predictedLabelColumnName));
    }

    /// <summary>Fine-tunes a ResNet image classifier with every setting of <paramref name="options"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Columns, validation data, and the training recipe (architecture, epochs, checkpoints, callbacks, …).</param>
    public static ResNetClassifierEstimator ResNetClassifier(this TransformsCatalog catalog, ResNetClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ResNetClassifierEstimator(options);
    }

    /// <summary>
    /// The same estimator as <c>mlContext.Transforms.ResNetClassifier(options)</c>, listed with ML.NET's multiclass
    /// trainers: fine-tunes a ResNet image classifier and adds the score and predicted label columns that
    /// <c>MulticlassClassification.Evaluate</c> reads. Only the options form is offered here, so the short parameter
    /// list has one home (the transforms catalog).
    /// </summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">Columns, validation data, and the training recipe.</param>
    public static ResNetClassifierEstimator ResNet(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        ResNetClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ResNetClassifierEstimator(options);
    }

    private static ResNetClassifierOptions ShortOptions(string labelColumnName, string imageColumnName, ResNetArchitecture architecture,
        int epochs, double learningRate, PretrainedWeights pretrained, string scoreColumnName, string predictedLabelColumnName) => new()
    {
        LabelColumnName = labelColumnName,
        ImageColumnName = imageColumnName,
        Architecture = architecture,
        Epochs = epochs,
        LearningRate = learningRate,
        Pretrained = pretrained,
        ScoreColumnName = scoreColumnName,
        PredictedLabelColumnName = predictedLabelColumnName,
    };
}
