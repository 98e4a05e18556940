using Microsoft.ML;
using Defaults = MlNetResNet.ResNetClassifierEstimator.Defaults;

namespace MlNetResNet;

/// <summary>Catalog extensions that add the ResNet image classifier to <c>mlContext.Transforms</c>.</summary>
public static class ResNetClassifierCatalog
{
    /// <summary>
    /// Fine-tunes a ResNet image classifier on a key label column and an image column; adds <c>Score</c> and
    /// <c>PredictedLabel</c>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="labelColumnName">Key column of classes whose key values are the class names (from <c>MapValueToKey</c>).</param>
    /// <param name="imageColumnName">Image column: <c>MLImage</c> (LoadImages) or a path string; encoded bytes (LoadRawImageBytes) are refused, since such a model could not be saved.</param>
    /// <param name="architecture">Network to train. Default ResNet-34.</param>
    /// <param name="epochs">Passes over the training data. Default 10.</param>
    /// <param name="learningRate">Peak learning rate. Default 1e-4.</param>
    /// <param name="pretrained">Starting weights. Default none (random initialisation).</param>
    public static ResNetClassifierEstimator ResNetClassifier(this TransformsCatalog catalog,
        string labelColumnName = Defaults.LabelColumnName,
        string imageColumnName = Defaults.ImageColumnName,
        ResNetArchitecture architecture = Defaults.Architecture,
        int epochs = Defaults.Epochs,
        double learningRate = Defaults.LearningRate,
        PretrainedWeights pretrained = Defaults.Pretrained) =>
        catalog.ResNetClassifier(new ResNetClassifierOptions
        {
            LabelColumnName = labelColumnName,
            ImageColumnName = imageColumnName,
            Architecture = architecture,
            Epochs = epochs,
            LearningRate = learningRate,
            Pretrained = pretrained,
        });

    /// <summary>Fine-tunes a ResNet image classifier with every setting of <paramref name="options"/>.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Columns, architecture, training recipe, validation, checkpoints, callbacks.</param>
    public static ResNetClassifierEstimator ResNetClassifier(this TransformsCatalog catalog, ResNetClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ResNetClassifierEstimator(options);
    }
}
