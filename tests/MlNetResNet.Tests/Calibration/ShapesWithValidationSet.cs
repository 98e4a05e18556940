using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetResNet.Tests.MlNet;

namespace MlNetResNet.Tests.Calibration;

/// <summary>
/// Shape images on disk, the label-and-load chain in front of the classifier, and the fixture's options with these rows
/// as the validation set: the setup shared by the calibration tests that fit through ML.NET.
/// </summary>
internal sealed class ShapesWithValidationSet
{
    public ShapesWithValidationSet(MLContext ml, string images, List<ShapeRow> trainRows, List<ShapeRow> validationRows)
    {
        Train = ml.Data.LoadFromEnumerable(trainRows);
        Preprocessing = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", images, "ImagePath"));
        Options = ShapesClassifierFixture.Options();
        Options.ValidationSet = Preprocessing.Fit(Train).Transform(ml.Data.LoadFromEnumerable(validationRows));
    }

    public IDataView Train { get; }

    public EstimatorChain<ImageLoadingTransformer> Preprocessing { get; }

    public ResNetClassifierOptions Options { get; }

    public TransformerChain<ResNetClassifierTransformer> Fit(MLContext ml) =>
        Preprocessing.Append(ml.Transforms.ResNetClassifier(Options)).Fit(Train);
}
