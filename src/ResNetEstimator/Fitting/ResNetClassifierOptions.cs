using Microsoft.ML;
using Defaults = MlNetResNet.ResNetClassifierEstimator.Defaults;

namespace MlNetResNet;

/// <summary>
/// Everything <c>ResNetClassifier</c> can be told: the ML.NET side (input and output columns, validation data, the
/// image reader's limit) here, and the training recipe inherited from <see cref="ResNetTrainerOptions"/>, which is all
/// that <see cref="ResNetTrainer"/> reads. Defaults live in <see cref="ResNetClassifierEstimator.Defaults"/>.
/// </summary>
public sealed class ResNetClassifierOptions : ResNetTrainerOptions
{
    /// <summary>Key column holding the class (key values are the class names). Default "Label".</summary>
    public string LabelColumnName { get; set; } = Defaults.LabelColumnName;

    /// <summary>Image column: MLImage (LoadImages) or a path string (encoded bytes are refused: the model could not be saved). Default "Image".</summary>
    public string ImageColumnName { get; set; } = Defaults.ImageColumnName;

    /// <summary>Folder that relative paths in a path-string image column are resolved against. Default null (as given).</summary>
    public string? ImageFolder { get; set; }

    /// <summary>Output column of the class probabilities (vector of Single, slot names = class names). Default "Score".</summary>
    public string ScoreColumnName { get; set; } = Defaults.ScoreColumnName;

    /// <summary>Output column of the most probable class (key with the label's key values). Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = Defaults.PredictedLabelColumnName;

    /// <summary>Validation rows; when null, <see cref="ValidationFraction"/> of the training rows are held out.</summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>Fraction of training rows held out (stratified, seeded) when no validation set is given. Default 0.1.</summary>
    public double ValidationFraction { get; set; } = Defaults.ValidationFraction;

    /// <summary>Largest image accepted, in pixels (checked before decoding). Default 100 megapixels.</summary>
    public long MaxImagePixels { get; set; } = Defaults.MaxImagePixels;

    /// <summary>A shallow copy (see <see cref="ResNetTrainerOptions.Copy"/>); the validation set is shared, not cloned.</summary>
    public override ResNetClassifierOptions Copy() => (ResNetClassifierOptions)MemberwiseClone();
}
